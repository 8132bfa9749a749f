namespace Compliance.Api.Disputes;

/// <summary>Dispute ids and steps only: never amounts' owners, descriptions or evidence.</summary>
internal static partial class DisputeLog
{
    [LoggerMessage(10001, LogLevel.Information, "Dispute {DisputeId}: evidence deadline passed, now {Step}")]
    public static partial void EvidenceMissed(ILogger logger, string disputeId, string step);

    [LoggerMessage(10002, LogLevel.Warning, "Dispute deadline sweep failed ({ExceptionType}); the next sweep tries again")]
    public static partial void SweepFailed(ILogger logger, string exceptionType);
}
