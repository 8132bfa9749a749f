namespace Compliance.Api.Kyc.Callbacks.Verifiers;

/// <summary>Onfido (Entrust IDV): <c>X-SHA2-Signature</c> = hex HMAC-SHA256(webhook token, raw body). Nothing is timestamped.</summary>
internal sealed class OnfidoWebhookVerifier : BodyHmacSha256Verifier
{
    internal const string SignatureHeader = "X-SHA2-Signature";

    public override string Provider => KycProviders.Onfido;

    protected override string Header => SignatureHeader;
}
