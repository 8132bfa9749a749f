namespace Compliance.Api.Kyc.Providers;

/// <summary>
/// One provider's outbound API, on a named HttpClient with the provider's own resilience pipeline.
/// Failures that outlast the pipeline surface as <see cref="KycProviderException"/>.
/// </summary>
internal interface IKycProviderClient
{
    string Provider { get; }

    /// <summary>
    /// Creates the applicant / session / inquiry for one verification and returns what the customer's
    /// device needs to continue. Safe to call again for the same <see cref="StartVerification.VerificationId"/>:
    /// implementations use the provider's idempotency key, or look up before creating.
    /// </summary>
    Task<ProviderSession> StartAsync(StartVerification request, CancellationToken cancellationToken);

    /// <summary>Reads the current state of a verification (reconciliation, or events that carry no result).</summary>
    Task<ProviderState> FetchAsync(string providerRef, CancellationToken cancellationToken);
}
