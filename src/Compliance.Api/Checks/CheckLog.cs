namespace Compliance.Api.Checks;

internal static partial class CheckLog
{
    [LoggerMessage(6001, LogLevel.Warning, "Check {TransactionId} failed closed: the database did not answer in time ({Reason})")]
    public static partial void Unavailable(ILogger logger, string transactionId, string reason);
}
