namespace Compliance.Api.Kyc.Callbacks.Verifiers;

/// <summary>
/// Sumsub: <c>X-Payload-Digest</c> = hex HMAC(secret, raw body) with the hash named by
/// <c>X-Payload-Digest-Alg</c>. Only the three documented names are allowed, so a sender cannot pick a
/// weaker hash; the legacy <c>X-Signature</c> is not accepted.
/// </summary>
internal sealed class SumsubWebhookVerifier : IWebhookVerifier
{
    internal const string DigestHeader = "X-Payload-Digest";
    internal const string AlgorithmHeader = "X-Payload-Digest-Alg";

    public string Provider => KycProviders.Sumsub;

    public WebhookVerification Verify(IHeaderDictionary headers, ReadOnlySpan<byte> body, IReadOnlyList<string> secrets, DateTimeOffset now, TimeSpan tolerance)
    {
        if (WebhookSecrets.NoneConfigured(secrets))
        {
            return WebhookVerification.Fail(WebhookFailure.NoSecret);
        }

        if (WebhookHeaders.TryGetSingle(headers, DigestHeader, out var digest) is { } failure)
        {
            return WebhookVerification.Fail(failure);
        }

        // A digest without its algorithm cannot be checked: that is a bad header, not a missing signature.
        if (WebhookHeaders.TryGetSingle(headers, AlgorithmHeader, out var name) is not null || ParseAlgorithm(name) is not { } algorithm)
        {
            return WebhookVerification.Fail(WebhookFailure.MalformedSignature);
        }

        return RawBodyVerifier.Verify(algorithm, digest, body, secrets);
    }

    private static HmacAlgorithm? ParseAlgorithm(string name) => name switch
    {
        "HMAC_SHA1_HEX" => HmacAlgorithm.Sha1,
        "HMAC_SHA256_HEX" => HmacAlgorithm.Sha256,
        "HMAC_SHA512_HEX" => HmacAlgorithm.Sha512,
        _ => null,
    };
}
