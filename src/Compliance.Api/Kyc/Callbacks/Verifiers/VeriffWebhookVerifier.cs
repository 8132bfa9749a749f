namespace Compliance.Api.Kyc.Callbacks.Verifiers;

/// <summary>
/// Veriff: <c>X-HMAC-SIGNATURE</c> = hex HMAC-SHA256(shared secret, raw body). The legacy <c>X-Signature</c>
/// (a plain SHA-256 of body + secret) is deliberately not accepted.
/// </summary>
internal sealed class VeriffWebhookVerifier : BodyHmacSha256Verifier
{
    internal const string SignatureHeader = "X-HMAC-SIGNATURE";

    public override string Provider => KycProviders.Veriff;

    protected override string Header => SignatureHeader;
}
