namespace Compliance.Api.Kyc.Callbacks.Verifiers;

/// <summary>
/// Persona: <c>Persona-Signature: t=&lt;unix&gt;,v1=&lt;hex&gt;</c>, HMAC-SHA256(webhook secret, <c>t + "." + raw body</c>).
/// During a secret rotation the header carries two space-separated groups, each with its own <c>t</c>;
/// a fresh match in any group is enough. Unparseable groups are skipped as long as one parses.
/// </summary>
internal sealed class PersonaWebhookVerifier : IWebhookVerifier
{
    internal const string SignatureHeader = "Persona-Signature";

    public string Provider => KycProviders.Persona;

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

        var groups = header.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(g => TimestampedSignature.TryParse(g))
            .OfType<TimestampedSignature>()
            .ToList();
        if (groups.Count == 0)
        {
            return WebhookVerification.Fail(WebhookFailure.MalformedSignature);
        }

        return TimestampedSignature.Verify(groups, WebhookSecrets.TextKeys(secrets), body, now, tolerance);
    }
}
