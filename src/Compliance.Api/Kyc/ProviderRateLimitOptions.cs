namespace Compliance.Api.Kyc;

/// <summary>
/// <c>Kyc:Providers:&lt;name&gt;:RateLimit</c>, for a provider that publishes one (Companies House: 600
/// requests per 5 minutes per API key). The limit is this instance's: N instances sharing one key
/// configure <c>Requests</c> = 600 / N.
/// </summary>
internal sealed class ProviderRateLimitOptions
{
    public int Requests { get; init; } = 600;

    /// <summary>
    /// Companies House's 300 s and one more: the register counts arrivals and we count sends, so a
    /// request that takes up to a second longer on the way than a later one still cannot make the
    /// register see 601 in its window.
    /// </summary>
    public double WindowSeconds { get; init; } = 301;

    /// <summary>How long a request may wait for a slot before it fails as unavailable; below the attempt timeout.</summary>
    public double MaxWaitSeconds { get; init; } = 5;
}
