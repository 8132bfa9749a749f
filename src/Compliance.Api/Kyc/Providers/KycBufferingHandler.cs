namespace Compliance.Api.Kyc.Providers;

/// <summary>
/// Inside the resilience handler: reads the body within the attempt, so a provider that stalls mid-body
/// hits the attempt timeout and the retry, not the caller after the pipeline has returned.
/// </summary>
internal sealed class KycBufferingHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        try
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}
