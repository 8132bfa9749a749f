namespace Compliance.Api.Kyc;

/// <summary>
/// <c>Kyc:Providers:&lt;name&gt;:Resilience</c>: one pipeline per provider (spec §11 defaults).
/// </summary>
internal sealed class KycResilienceOptions
{
    /// <summary>The whole call, retries and waits included.</summary>
    public double TotalTimeoutSeconds { get; init; } = 30;

    public double AttemptTimeoutSeconds { get; init; } = 10;

    /// <summary>Retries after the first attempt, for requests that are safe to repeat.</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>First backoff; doubles each retry, with jitter, capped at <see cref="MaxDelaySeconds"/>.</summary>
    public double BaseDelaySeconds { get; init; } = 0.5;

    public double MaxDelaySeconds { get; init; } = 5;

    /// <summary>The breaker opens when this share of calls in the window failed...</summary>
    public double BreakFailureRatio { get; init; } = 0.5;

    public double BreakSamplingSeconds { get; init; } = 30;

    /// <summary>...and at least this many calls were made in it.</summary>
    public int BreakMinimumThroughput { get; init; } = 10;

    /// <summary>How long it stays open before letting one trial call through.</summary>
    public double BreakDurationSeconds { get; init; } = 30;
}
