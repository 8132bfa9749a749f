namespace Compliance.Api.Kyc.Providers;

/// <summary>
/// Outside the resilience handler: stamps when the call began, so the retry knows what is left of the
/// total budget when a provider asks to wait (Retry-After).
/// </summary>
internal sealed class KycCallStartHandler(TimeProvider time) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Options.Set(KycRequestOptions.StartedAt, time.GetTimestamp());
        return base.SendAsync(request, cancellationToken);
    }
}
