namespace Compliance.Api.Kyc.Callbacks.Verifiers;

/// <summary>Turning the configured secrets into HMAC keys.</summary>
internal static class WebhookSecrets
{
    /// <summary>True when there is no secret to verify with (an empty or missing list, or only blank entries).</summary>
    public static bool NoneConfigured(IReadOnlyList<string>? secrets) =>
        secrets is null || secrets.All(string.IsNullOrEmpty);

    /// <summary>The secrets as UTF-8 keys (Onfido, Sumsub, Stripe, Veriff, Persona); blank entries are skipped.</summary>
    public static IReadOnlyList<byte[]> TextKeys(IReadOnlyList<string> secrets) =>
        [.. secrets.Where(s => !string.IsNullOrEmpty(s)).Select(WebhookHmac.TextKey)];
}
