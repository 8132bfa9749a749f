namespace Compliance.Api.Kyc;

/// <summary>The audit log's action codes for KYC.</summary>
internal static class KycAuditActions
{
    public const string VerificationStarted = "customer.kyc.verification_started";
    public const string StatusChanged = "customer.kyc.status_changed";

    /// <summary>A callback refused for its signature: a security event (someone may be forging callbacks).</summary>
    public const string CallbackRejected = "kyc.callback.rejected";
}
