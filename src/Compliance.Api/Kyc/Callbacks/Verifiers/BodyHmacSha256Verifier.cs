namespace Compliance.Api.Kyc.Callbacks.Verifiers;

/// <summary>
/// The scheme Onfido and Veriff share: one header carrying hex HMAC-SHA256(secret, raw body), no
/// timestamp. Subclasses name the provider and the header.
/// </summary>
internal abstract class BodyHmacSha256Verifier : IWebhookVerifier
{
    public abstract string Provider { get; }

    protected abstract string Header { get; }

    public WebhookVerification Verify(IHeaderDictionary headers, ReadOnlySpan<byte> body, IReadOnlyList<string> secrets, DateTimeOffset now, TimeSpan tolerance)
    {
        if (WebhookSecrets.NoneConfigured(secrets))
        {
            return WebhookVerification.Fail(WebhookFailure.NoSecret);
        }

        if (WebhookHeaders.TryGetSingle(headers, Header, out var signature) is { } failure)
        {
            return WebhookVerification.Fail(failure);
        }

        return RawBodyVerifier.Verify(HmacAlgorithm.Sha256, signature, body, secrets);
    }
}
