namespace Compliance.Api.Kyc;

/// <summary>Provider names, event types, internal ids and failure codes only: never personal data, tokens or bodies.</summary>
internal static partial class KycLog
{
    [LoggerMessage(7001, LogLevel.Information, "Started {Provider} verification {VerificationId} for customer {CustomerId}")]
    public static partial void Started(ILogger logger, string provider, Guid verificationId, [Pseudonym] string customerId);

    [LoggerMessage(7002, LogLevel.Warning, "Could not start a {Provider} verification for customer {CustomerId}: {Failure}")]
    public static partial void StartFailed(ILogger logger, string provider, [Pseudonym] string customerId, string failure);

    [LoggerMessage(7003, LogLevel.Warning, "Refused a {Provider} callback: {Failure} (audited: {Audited})")]
    public static partial void CallbackRejected(ILogger logger, string provider, string failure, bool audited);

    [LoggerMessage(7004, LogLevel.Information, "Stored {Provider} callback {EventType} (duplicate: {Duplicate})")]
    public static partial void CallbackStored(ILogger logger, string provider, string eventType, bool duplicate);

    [LoggerMessage(7005, LogLevel.Information, "{Provider} event {EventType} #{InboxId}: {State} ({Detail})")]
    public static partial void EventProcessed(ILogger logger, string provider, string eventType, long inboxId, string state, string detail);

    [LoggerMessage(7006, LogLevel.Warning, "{Provider} event {EventType} #{InboxId} names a verification this service does not know; recorded, not applied")]
    public static partial void Unmatched(ILogger logger, string provider, string eventType, long inboxId);

    [LoggerMessage(7007, LogLevel.Warning, "Could not read {Provider} verification {VerificationId}: {Failure}")]
    public static partial void FetchFailed(ILogger logger, string provider, Guid verificationId, string failure);

    [LoggerMessage(7008, LogLevel.Error, "KYC inbox processing failed ({ExceptionType}); waiting events stay queued")]
    public static partial void InboxFailed(ILogger logger, string exceptionType, Exception exception);

    [LoggerMessage(7009, LogLevel.Information, "KYC reconciliation: {Checked} verification(s) re-read, {Changed} changed, {Failed} unreachable")]
    public static partial void Reconciled(ILogger logger, int @checked, int changed, int failed);

    [LoggerMessage(7010, LogLevel.Error, "KYC reconciliation failed ({ExceptionType})")]
    public static partial void ReconciliationFailed(ILogger logger, string exceptionType, Exception exception);

    [LoggerMessage(7011, LogLevel.Warning, "Refused a {Provider} callback with a valid signature: {Reason}")]
    public static partial void CallbackMalformed(ILogger logger, string provider, string reason);

    [LoggerMessage(7012, LogLevel.Error, "{Provider} event {EventType} #{InboxId} could not be processed ({ExceptionType}); marked failed")]
    public static partial void EventBroke(ILogger logger, string provider, string eventType, long inboxId, string exceptionType, Exception exception);
}
