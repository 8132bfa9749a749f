namespace Compliance.Api.Customers;

/// <summary>Customer ids and counts only: never a PII value.</summary>
internal static partial class CustomerLog
{
    [LoggerMessage(4001, LogLevel.Information, "Customer {CustomerId} created with {PiiFieldCount} encrypted field(s)")]
    public static partial void Created(ILogger logger, [Pseudonym] string customerId, int piiFieldCount);

    [LoggerMessage(4002, LogLevel.Information, "Personal data of customer {CustomerId} erased ({Reason})")]
    public static partial void Erased(ILogger logger, [Pseudonym] string customerId, string reason);

    [LoggerMessage(4003, LogLevel.Information, "Rewrapped {Count} data key(s) under {KekId}; {Remaining} left under older KEK versions")]
    public static partial void Rewrapped(ILogger logger, int count, string kekId, long remaining);

    [LoggerMessage(4004, LogLevel.Information, "Evicted erased data key {DataKeyId} from this instance's cache")]
    public static partial void DataKeyEvicted(ILogger logger, Guid dataKeyId);
}
