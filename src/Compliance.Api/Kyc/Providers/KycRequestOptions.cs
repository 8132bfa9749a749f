namespace Compliance.Api.Kyc.Providers;

/// <summary>Per-request markers the clients set for the resilience pipeline.</summary>
internal static class KycRequestOptions
{
    /// <summary>
    /// The client vouches that repeating this request cannot create a second resource (e.g. Sumsub's
    /// create is keyed by a unique externalUserId), so the pipeline may retry it although it is a POST.
    /// </summary>
    public static readonly HttpRequestOptionsKey<bool> SafeToRetry = new("Kyc.SafeToRetry");

    /// <summary>A <see cref="TimeProvider.GetTimestamp"/> taken when the call began (<see cref="KycCallStartHandler"/>).</summary>
    public static readonly HttpRequestOptionsKey<long> StartedAt = new("Kyc.StartedAt");
}
