namespace Compliance.Api.Audit;

internal static partial class AuditLogMessages
{
    [LoggerMessage(7001, LogLevel.Information, "Checkpointed {Count} chain head(s) into the audit log")]
    public static partial void Checkpointed(ILogger logger, int count);

    [LoggerMessage(7002, LogLevel.Warning, "Could not checkpoint the chain heads: {Reason}")]
    public static partial void CheckpointFailed(ILogger logger, string reason);
}
