namespace Compliance.Api.Screening;

internal static partial class ScreeningLog
{
    [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "Screening index built from {Lists} ({Entries} entries, {Names} names) in {Milliseconds} ms")]
    public static partial void IndexBuilt(ILogger logger, string lists, int entries, int names, long milliseconds);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Warning, Message = "Screening lists could not be reloaded, the index in use stays: {Reason}")]
    public static partial void RefreshFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 9003, Level = LogLevel.Information, Message = "Screening list {List} version {Version} imported by {Actor}: {Entries} entries, +{Added} -{Removed} ~{Changed}")]
    public static partial void Imported(ILogger logger, string list, int version, string actor, int entries, int added, int removed, int changed);

    [LoggerMessage(EventId = 9004, Level = LogLevel.Warning, Message = "Screening list {List} import refused: {Problem}")]
    public static partial void Refused(ILogger logger, string list, string problem);

    [LoggerMessage(EventId = 9005, Level = LogLevel.Information, Message = "Re-screening after {Reason}: {Done} of {Total} customers")]
    public static partial void RescreenProgress(ILogger logger, string reason, int done, int total);

    [LoggerMessage(EventId = 9006, Level = LogLevel.Information, Message = "Re-screening after {Reason} finished: {Done} customers screened")]
    public static partial void RescreenDone(ILogger logger, string reason, int done);

    [LoggerMessage(EventId = 9007, Level = LogLevel.Warning, Message = "Re-screening stopped, it resumes after the last batch recorded: {Reason}")]
    public static partial void RescreenFailed(ILogger logger, string reason);
}
