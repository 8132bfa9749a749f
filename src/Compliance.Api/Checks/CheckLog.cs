namespace Compliance.Api.Checks;

internal static partial class CheckLog
{
    [LoggerMessage(6001, LogLevel.Warning, "Check {TransactionId} failed closed: the database did not answer in time ({Reason})")]
    public static partial void Unavailable(ILogger logger, string transactionId, string reason);

    [LoggerMessage(6002, LogLevel.Information, "A batch of {Count} checks was rolled back ({SqlState}); storing them one by one")]
    public static partial void BatchRetriedSingly(ILogger logger, int count, string sqlState);
}
