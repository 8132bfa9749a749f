namespace Compliance.Api.Kyc.Callbacks.Verifiers;

/// <summary>Onfido (Entrust IDV): <c>X-SHA2-Signature</c> = hex HMAC-SHA256(webhook token, raw body). Nothing is timestamped.</summary>
internal sealed class OnfidoWebhookVerifier : IWebhookVerifier
{
    internal const string SignatureHeader = "X-SHA2-Signature";

    public string Provider => KycProviders.Onfido;

    public WebhookVerification Verify(IHeaderDictionary headers, ReadOnlySpan<byte> body, IReadOnlyList<string> secrets, DateTimeOffset now, TimeSpan tolerance)
    {
        if (WebhookSecrets.NoneConfigured(secrets))
        {
            return WebhookVerification.Fail(WebhookFailure.NoSecret);
        }

        if (WebhookHeaders.TryGetSingle(headers, SignatureHeader, out var signature) is { } failure)
        {
            return WebhookVerification.Fail(failure);
        }

        return RawBodyVerifier.Verify(HmacAlgorithm.Sha256, signature, body, secrets);
    }
}
