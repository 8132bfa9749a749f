namespace Compliance.Api.Kyc.Callbacks.Verifiers;

/// <summary>
/// Stripe: <c>Stripe-Signature: t=&lt;unix&gt;,v1=&lt;hex&gt;[,v1=…][,v0=…]</c>, HMAC-SHA256 keyed with the whole
/// <c>whsec_…</c> text (not decoded) over <c>t + "." + raw body</c>, as stripe-dotnet's EventUtility does.
/// Several <c>v1</c> entries appear while a secret is rolled; any one matching any secret is enough. <c>v0</c> is ignored.
/// </summary>
internal sealed class StripeWebhookVerifier : IWebhookVerifier
{
    internal const string SignatureHeader = "Stripe-Signature";

    public string Provider => KycProviders.Stripe;

    public WebhookVerification Verify(IHeaderDictionary headers, ReadOnlySpan<byte> body, IReadOnlyList<string> secrets, DateTimeOffset now, TimeSpan tolerance)
    {
        if (WebhookSecrets.NoneConfigured(secrets))
        {
            return WebhookVerification.Fail(WebhookFailure.NoSecret);
        }

        if (WebhookHeaders.TryGetSingle(headers, SignatureHeader, out var header) is { } failure)
        {
            return WebhookVerification.Fail(failure);
        }

        if (TimestampedSignature.TryParse(header) is not { } group)
        {
            return WebhookVerification.Fail(WebhookFailure.MalformedSignature);
        }

        return TimestampedSignature.Verify([group], WebhookSecrets.TextKeys(secrets), body, now, tolerance);
    }
}
