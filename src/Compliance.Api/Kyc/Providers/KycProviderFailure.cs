namespace Compliance.Api.Kyc.Providers;

internal enum KycProviderFailure
{
    /// <summary>Timeouts, connection errors, 5xx or 429 after the retries, or the circuit is open (answered 503).</summary>
    Unavailable,

    /// <summary>The provider refused the request (4xx other than 408/429), e.g. bad credentials (answered 502).</summary>
    Refused,

    /// <summary>The provider answered with something we cannot read (answered 502).</summary>
    BadResponse,
}
