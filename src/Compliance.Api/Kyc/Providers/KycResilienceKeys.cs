using Polly;

namespace Compliance.Api.Kyc.Providers;

/// <summary>What the resilience handler hands its pipeline through the <see cref="ResilienceContext"/>.</summary>
internal static class KycResilienceKeys
{
    /// <summary>The request being sent, so the retry can decide whether repeating it is safe.</summary>
    public static readonly ResiliencePropertyKey<HttpRequestMessage> Request = new("Kyc.Request");

    /// <summary>A <see cref="TimeProvider.GetTimestamp"/> taken when the call began, to know what is left of the total budget.</summary>
    public static readonly ResiliencePropertyKey<long> StartedAt = new("Kyc.StartedAt");
}
