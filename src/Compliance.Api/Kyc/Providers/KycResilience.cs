using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Compliance.Api.Kyc.Providers;

/// <summary>
/// Each provider's calls go through Microsoft.Extensions.Http.Resilience's handler, outermost first:
/// total timeout, retry, circuit breaker, per-attempt timeout. The pipeline is registered once per
/// provider by name, so every handler chain IHttpClientFactory builds (it recycles them every few
/// minutes) shares one circuit breaker: an outage is not forgotten at each recycle.
/// </summary>
internal static class KycResilience
{
    public static IHttpClientBuilder AddKycResilience(this IHttpClientBuilder builder, string provider)
    {
        // Hosts without the service's metrics (a bare client container) get no metrics handler.
        builder.AddHttpMessageHandler(sp => sp.GetService<ComplianceMetrics>() is { } metrics
            ? new ProviderMetricsHandler(metrics, provider)
            : new PassThroughHandler());
        builder.AddHttpMessageHandler(sp => new KycCallStartHandler(sp.GetRequiredService<TimeProvider>()));
        builder.AddResilienceHandler($"kyc-{provider}", (pipeline, context) => Configure(pipeline, context.ServiceProvider, provider));

        // Inside the retry: the body is read within each attempt (see KycBufferingHandler).
        return builder.AddHttpMessageHandler(() => new KycBufferingHandler());
    }

    private static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, IServiceProvider services, string provider)
    {
        var settings = services.GetRequiredService<IOptions<KycOptions>>().Value.For(provider)?.Resilience ?? new KycResilienceOptions();
        var time = services.GetRequiredService<TimeProvider>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(KycResilience).FullName!);
        var metrics = services.GetService<ComplianceMetrics>();
        metrics?.CircuitState(provider, 0);
        var total = TimeSpan.FromSeconds(settings.TotalTimeoutSeconds);
        pipeline.TimeProvider = time;
        pipeline.AddTimeout(total);
        if (settings.MaxRetries > 0)
        {
            pipeline.AddRetry(Retry(provider, settings, total, time, logger));
        }

        pipeline
            .AddCircuitBreaker(Breaker(provider, settings, logger, metrics))
            .AddTimeout(TimeSpan.FromSeconds(settings.AttemptTimeoutSeconds));
    }

    private static HttpRetryStrategyOptions Retry(string provider, KycResilienceOptions settings, TimeSpan total, TimeProvider time, ILogger logger) => new()
    {
        MaxRetryAttempts = settings.MaxRetries,
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        Delay = TimeSpan.FromSeconds(settings.BaseDelaySeconds),
        MaxDelay = TimeSpan.FromSeconds(settings.MaxDelaySeconds),

        // Our own Retry-After reading (seconds or an HTTP date, only on 429 and 503), capped by the budget below.
        ShouldRetryAfterHeader = false,
        ShouldHandle = args => ValueTask.FromResult(ShouldRetry(provider, args.Outcome, args.Context, total, time, logger)),
        DelayGenerator = args => ValueTask.FromResult(KycTransientFailure.RetryAfter(args.Outcome, time)),
        OnRetry = args =>
        {
            KycClientLog.Retrying(logger, provider, args.AttemptNumber + 1, KycTransientFailure.Describe(args.Outcome), args.RetryDelay.TotalMilliseconds);
            return default;
        },
    };

    private static bool ShouldRetry(string provider, Outcome<HttpResponseMessage> outcome, ResilienceContext context, TimeSpan total, TimeProvider time, ILogger logger)
    {
        if (!KycTransientFailure.IsTransient(outcome) || context.GetRequestMessage() is not { } request || !KycRetrySafety.IsSafeToRetry(request))
        {
            return false;
        }

        // Waiting out a Retry-After the total timeout would cut short only burns the budget: give up now.
        if (KycTransientFailure.RetryAfter(outcome, time) is { } wait
            && request.Options.TryGetValue(KycRequestOptions.StartedAt, out var startedAt)
            && wait >= total - time.GetElapsedTime(startedAt))
        {
            KycClientLog.RetryAfterBeyondBudget(logger, provider, wait.TotalMilliseconds);
            return false;
        }

        return true;
    }

    private static HttpCircuitBreakerStrategyOptions Breaker(string provider, KycResilienceOptions settings, ILogger logger, ComplianceMetrics? metrics) => new()
    {
        FailureRatio = settings.BreakFailureRatio,
        SamplingDuration = TimeSpan.FromSeconds(settings.BreakSamplingSeconds),
        MinimumThroughput = settings.BreakMinimumThroughput,
        BreakDuration = TimeSpan.FromSeconds(settings.BreakDurationSeconds),
        ShouldHandle = args => ValueTask.FromResult(KycTransientFailure.IsTransient(args.Outcome)),
        OnOpened = args =>
        {
            KycClientLog.CircuitOpened(logger, provider, args.BreakDuration.TotalSeconds, KycTransientFailure.Describe(args.Outcome));
            metrics?.CircuitState(provider, 2);
            return default;
        },
        OnClosed = _ =>
        {
            KycClientLog.CircuitClosed(logger, provider);
            metrics?.CircuitState(provider, 0);
            return default;
        },
        OnHalfOpened = _ =>
        {
            KycClientLog.CircuitHalfOpen(logger, provider);
            metrics?.CircuitState(provider, 1);
            return default;
        },
    };

    private sealed class PassThroughHandler : DelegatingHandler;
}
