using System.Diagnostics;

namespace Compliance.Api.Kyc.Providers;

/// <summary>
/// Outermost on a provider's client: how long each call took with its retries and waits, and how it
/// ended (the HTTP status class, or the failure that outlasted the pipeline), per provider.
/// </summary>
internal sealed class ProviderMetricsHandler(ComplianceMetrics metrics, string provider) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = "exception";
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            outcome = $"{(int)response.StatusCode / 100}xx";
            return response;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            outcome = e.GetType().Name;
            throw;
        }
        finally
        {
            metrics.ProviderCall(provider, outcome, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }
}
