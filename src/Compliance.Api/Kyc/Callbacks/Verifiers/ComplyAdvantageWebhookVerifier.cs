namespace Compliance.Api.Kyc.Callbacks.Verifiers;

/// <summary>
/// ComplyAdvantage Mesh, which signs per Standard Webhooks v1: headers <c>webhook-id</c>, <c>webhook-timestamp</c>
/// and <c>webhook-signature</c> (space-separated <c>v1,&lt;base64&gt;</c>, several during rotation);
/// HMAC-SHA256 keyed with the base64-decoded secret (after an optional <c>whsec_</c> prefix) over
/// <c>id + "." + timestamp + "." + raw body</c>. The Mesh details come from a secondary source (spec §6, §12).
/// </summary>
internal sealed class ComplyAdvantageWebhookVerifier : IWebhookVerifier
{
    internal const string IdHeader = "webhook-id";
    internal const string TimestampHeader = "webhook-timestamp";
    internal const string SignatureHeader = "webhook-signature";
    private const string SecretPrefix = "whsec_";

    public string Provider => KycProviders.ComplyAdvantage;

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

        // The id and timestamp are signed too: without them the signature cannot be checked.
        if (WebhookHeaders.TryGetSingle(headers, IdHeader, out var id) is { } idFailure)
        {
            return WebhookVerification.Fail(idFailure);
        }

        if (WebhookHeaders.TryGetSingle(headers, TimestampHeader, out var timestampText) is { } timestampFailure)
        {
            return WebhookVerification.Fail(timestampFailure);
        }

        var signatures = ParseSignatures(header);
        if (!SignatureTimestamp.TryParse(timestampText, out var timestamp) || signatures.Count == 0)
        {
            return WebhookVerification.Fail(WebhookFailure.MalformedSignature);
        }

        var message = WebhookHmac.Prefixed(id + "." + timestampText + ".", body);
        if (!WebhookHmac.AnyMatches(HmacAlgorithm.Sha256, Keys(secrets), message, signatures))
        {
            return WebhookVerification.Fail(WebhookFailure.BadSignature);
        }

        return SignatureTimestamp.IsFresh(timestamp, now, tolerance)
            ? WebhookVerification.Valid
            : WebhookVerification.Fail(WebhookFailure.StaleTimestamp);
    }

    /// <summary>The decodable <c>v1</c> signatures; other versions (e.g. the asymmetric <c>v1a</c>) are ignored.</summary>
    private static List<byte[]> ParseSignatures(string header)
    {
        var signatures = new List<byte[]>();
        foreach (var entry in header.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (entry.StartsWith("v1,", StringComparison.Ordinal) && SignatureEncoding.TryDecodeBase64(entry.AsSpan(3), out var signature))
            {
                signatures.Add(signature);
            }
        }

        return signatures;
    }

    /// <summary>A secret that is not base64 is a configuration error; it matches nothing rather than throwing.</summary>
    private static List<byte[]> Keys(IReadOnlyList<string> secrets)
    {
        var keys = new List<byte[]>();
        foreach (var secret in secrets)
        {
            var text = secret is not null && secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret;
            if (SignatureEncoding.TryDecodeBase64(text, out var key))
            {
                keys.Add(key);
            }
        }

        return keys;
    }
}
