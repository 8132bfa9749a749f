namespace Compliance.Api.Kyc.Providers;

/// <summary>A provider call that failed after the resilience pipeline gave up, or that the provider refused.</summary>
internal sealed class KycProviderException(string provider, KycProviderFailure failure, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public string Provider { get; } = provider;

    public KycProviderFailure Failure { get; } = failure;
}
