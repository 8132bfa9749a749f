namespace Compliance.Api.Kyc.Callbacks.Verifiers;

/// <summary>The check shared by providers that sign only the raw body with a hex HMAC (Onfido, Sumsub, Veriff).</summary>
internal static class RawBodyVerifier
{
    public static WebhookVerification Verify(
        HmacAlgorithm algorithm, string signatureHex, ReadOnlySpan<byte> body, IReadOnlyList<string> secrets)
    {
        if (!SignatureEncoding.TryDecodeHex(signatureHex, out var signature))
        {
            return WebhookVerification.Fail(WebhookFailure.MalformedSignature);
        }

        return WebhookHmac.AnyMatches(algorithm, WebhookSecrets.TextKeys(secrets), body, [signature])
            ? WebhookVerification.Valid
            : WebhookVerification.Fail(WebhookFailure.BadSignature);
    }
}
