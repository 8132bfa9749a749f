using Polly;

namespace Compliance.Api.Kyc.Providers;

/// <summary>
/// Sends each request through its provider's pipeline. Holds no state of its own, so the factory may
/// recycle it freely; the breaker lives in <see cref="KycResiliencePipelines"/>.
/// </summary>
internal sealed class KycResilienceHandler(KycResiliencePipelines pipelines, string provider) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var pipeline = pipelines.For(provider);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            context.Properties.Set(KycResilienceKeys.Request, request);
            context.Properties.Set(KycResilienceKeys.StartedAt, pipelines.Time.GetTimestamp());
            return await pipeline.ExecuteAsync(
                static (ctx, state) => state.Handler.SendOnceAsync(state.Request, ctx.CancellationToken),
                context,
                (Handler: this, Request: request));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    // The body is read inside the attempt, so a provider that stalls mid-body hits the attempt timeout
    // and the retry, not the caller. Polly disposes the responses it retries.
    private async ValueTask<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, CancellationToken cancellationToken)
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
