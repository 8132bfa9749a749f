namespace Compliance.Api.Kyc.Providers;

/// <summary>Missing settings fail the call that needs them, not the host's start: one unconfigured provider must not stop the others.</summary>
internal static class KycConfigured
{
    public static KycProviderOptions Provider(KycOptions options, string provider) =>
        options.For(provider) ?? throw NotConfigured(provider, "BaseUrl");

    public static string Require(string provider, string? value, string name) =>
        value is { Length: > 0 } ? value : throw NotConfigured(provider, name);

    private static KycProviderException NotConfigured(string provider, string name) =>
        new(provider, KycProviderFailure.Refused, $"{provider} is not configured (Kyc:Providers:{provider}:{name})");
}
