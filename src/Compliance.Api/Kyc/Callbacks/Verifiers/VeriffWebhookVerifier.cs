namespace Compliance.Api.Kyc.Callbacks.Verifiers;

/// <summary>
/// Veriff: <c>X-HMAC-SIGNATURE</c> = hex HMAC-SHA256(shared secret, raw body). The legacy <c>X-Signature</c>
/// (a plain SHA-256 of body + secret) is deliberately not accepted.
/// </summary>
internal sealed class VeriffWebhookVerifier : IWebhookVerifier
{
    internal const string SignatureHeader = "X-HMAC-SIGNATURE";

    public string Provider => KycProviders.Veriff;

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
