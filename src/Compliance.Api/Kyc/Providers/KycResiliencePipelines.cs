using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace Compliance.Api.Kyc.Providers;

/// <summary>
/// One pipeline per provider for the life of the process. It lives here, not in the handler, because
/// IHttpClientFactory recycles handlers every few minutes: a breaker inside a handler would forget an
/// outage each time, and two live handlers would each keep half the count.
/// </summary>
internal sealed class KycResiliencePipelines(IOptions<KycOptions> options, TimeProvider time, ILoggerFactory loggerFactory)
{
    private readonly ConcurrentDictionary<string, Lazy<ResiliencePipeline<HttpResponseMessage>>> _pipelines = new(StringComparer.OrdinalIgnoreCase);
    private readonly ILogger _logger = loggerFactory.CreateLogger<KycResiliencePipelines>();

    public TimeProvider Time => time;

    public ResiliencePipeline<HttpResponseMessage> For(string provider) =>
        _pipelines.GetOrAdd(provider, name => new Lazy<ResiliencePipeline<HttpResponseMessage>>(() => Build(name))).Value;

    /// <summary>Outermost first: total timeout, retry, circuit breaker, per-attempt timeout.</summary>
    private ResiliencePipeline<HttpResponseMessage> Build(string provider)
    {
        var settings = options.Value.For(provider)?.Resilience ?? new KycResilienceOptions();
        var total = TimeSpan.FromSeconds(settings.TotalTimeoutSeconds);
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { Name = $"kyc-{provider}", TimeProvider = time }
            .AddTimeout(total);

        if (settings.MaxRetries > 0)
        {
            builder.AddRetry(RetryOptions(provider, settings, total));
        }

        return builder
            .AddCircuitBreaker(BreakerOptions(provider, settings))
            .AddTimeout(TimeSpan.FromSeconds(settings.AttemptTimeoutSeconds))
            .Build();
    }

    private RetryStrategyOptions<HttpResponseMessage> RetryOptions(string provider, KycResilienceOptions settings, TimeSpan total) => new()
    {
        MaxRetryAttempts = settings.MaxRetries,
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        Delay = TimeSpan.FromSeconds(settings.BaseDelaySeconds),
        MaxDelay = TimeSpan.FromSeconds(settings.MaxDelaySeconds),
        ShouldHandle = args => ValueTask.FromResult(ShouldRetry(provider, args.Outcome, args.Context, total)),
        DelayGenerator = args => ValueTask.FromResult(KycTransientFailure.RetryAfter(args.Outcome, time)),
        OnRetry = args =>
        {
            KycClientLog.Retrying(_logger, provider, args.AttemptNumber + 1, KycTransientFailure.Describe(args.Outcome), args.RetryDelay.TotalMilliseconds);
            return default;
        },
    };

    private bool ShouldRetry(string provider, Outcome<HttpResponseMessage> outcome, ResilienceContext context, TimeSpan total)
    {
        if (!KycTransientFailure.IsTransient(outcome)
            || !context.Properties.TryGetValue(KycResilienceKeys.Request, out var request)
            || !KycRetrySafety.IsSafeToRetry(request))
        {
            return false;
        }

        // Waiting out a Retry-After the total timeout would cut short only burns the budget: give up now.
        if (KycTransientFailure.RetryAfter(outcome, time) is { } wait
            && context.Properties.TryGetValue(KycResilienceKeys.StartedAt, out var startedAt)
            && wait >= total - time.GetElapsedTime(startedAt))
        {
            KycClientLog.RetryAfterBeyondBudget(_logger, provider, wait.TotalMilliseconds);
            return false;
        }

        return true;
    }

    private CircuitBreakerStrategyOptions<HttpResponseMessage> BreakerOptions(string provider, KycResilienceOptions settings) => new()
    {
        FailureRatio = settings.BreakFailureRatio,
        SamplingDuration = TimeSpan.FromSeconds(settings.BreakSamplingSeconds),
        MinimumThroughput = settings.BreakMinimumThroughput,
        BreakDuration = TimeSpan.FromSeconds(settings.BreakDurationSeconds),
        ShouldHandle = args => ValueTask.FromResult(KycTransientFailure.IsTransient(args.Outcome)),
        OnOpened = args =>
        {
            KycClientLog.CircuitOpened(_logger, provider, args.BreakDuration.TotalSeconds, KycTransientFailure.Describe(args.Outcome));
            return default;
        },
        OnClosed = _ =>
        {
            KycClientLog.CircuitClosed(_logger, provider);
            return default;
        },
        OnHalfOpened = _ =>
        {
            KycClientLog.CircuitHalfOpen(_logger, provider);
            return default;
        },
    };
}
