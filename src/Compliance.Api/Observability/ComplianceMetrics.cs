using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Compliance.Api;

/// <summary>
/// The service's own instruments on the <c>Compliance</c> meter, exported by OpenTelemetry
/// (docs/operations.md); ASP.NET Core, HttpClient, Npgsql and the runtime report on their own meters.
/// Tags carry codes and names of things, never PII.
/// </summary>
internal sealed class ComplianceMetrics
{
    public const string MeterName = "Compliance";

    private readonly Counter<long> _authFailures;
    private readonly Counter<long> _rateLimited;
    private readonly Counter<long> _keysCreated;
    private readonly Counter<long> _decisions;
    private readonly Counter<long> _reasons;
    private readonly Counter<long> _ruleErrors;
    private readonly Histogram<double> _checkDuration;
    private readonly Histogram<int> _checkBatchSize;
    private readonly Counter<long> _cacheLookups;
    private readonly Histogram<double> _providerDuration;
    private readonly ConcurrentDictionary<string, int> _circuits = new(StringComparer.Ordinal);
    private double _outboxLagSeconds;
    private Func<int> _checksWaiting = () => 0;

    public ComplianceMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _authFailures = meter.CreateCounter<long>("compliance.auth.failures", description: "Requests refused for a missing, malformed or unknown API key");
        _rateLimited = meter.CreateCounter<long>("compliance.rate_limit.rejections", description: "Requests refused by the per-key rate limit");
        _keysCreated = meter.CreateCounter<long>("compliance.api_keys.created", description: "API keys created");
        _decisions = meter.CreateCounter<long>("compliance.checks.decisions", description: "Pre-transaction decisions by outcome (replays excluded)");
        _reasons = meter.CreateCounter<long>("compliance.checks.reasons", description: "Reasons given by decisions, by reason code and the outcome the rule asked for");
        _ruleErrors = meter.CreateCounter<long>("compliance.checks.rule_errors", description: "Rules that failed to evaluate during checks");
        _checkDuration = meter.CreateHistogram<double>("compliance.checks.duration", unit: "ms", description: "Time to decide and store a check");
        _checkBatchSize = meter.CreateHistogram<int>("compliance.checks.batch_size", unit: "{check}",
            description: "Checks stored together in one transaction (one commit for all of them)",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64] });
        meter.CreateObservableGauge("compliance.checks.waiting", () => _checksWaiting(), unit: "{check}",
            description: "Checks waiting for a batch to take them (queued behind the batches in the database)");
        _cacheLookups = meter.CreateCounter<long>("compliance.cache.lookups", description: "Cache lookups by cache and result (hit: served from memory; miss: loaded)");
        _providerDuration = meter.CreateHistogram<double>("compliance.provider.duration", unit: "ms",
            description: "Calls to KYC providers and the company register, retries included, by provider and outcome");
        meter.CreateObservableGauge("compliance.provider.circuit_state", ObserveCircuits,
            description: "Each provider's circuit breaker: 0 closed, 1 half-open, 2 open");
        meter.CreateObservableGauge("compliance.webhooks.outbox_lag", () => Volatile.Read(ref _outboxLagSeconds), unit: "s",
            description: "Age of the oldest webhook event not yet delivered (0 when none is pending)");
    }

    public void AuthenticationFailed(string reason) => _authFailures.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void RateLimited() => _rateLimited.Add(1);

    public void ApiKeyCreated() => _keysCreated.Add(1);

    public void Decision(string decision) => _decisions.Add(1, new KeyValuePair<string, object?>("decision", decision));

    /// <summary>A reason a decision gave: reason codes are a closed set the rule sets define, so the series stay few.</summary>
    public void Reason(string reasonCode, string outcome) =>
        _reasons.Add(1, new KeyValuePair<string, object?>("reason_code", reasonCode), new KeyValuePair<string, object?>("outcome", outcome));

    public void RuleErrors(int count)
    {
        if (count > 0)
        {
            _ruleErrors.Add(count);
        }
    }

    public void CheckDuration(double milliseconds, string result) => _checkDuration.Record(milliseconds, new KeyValuePair<string, object?>("result", result));

    public void CheckBatch(int size) => _checkBatchSize.Record(size);

    /// <summary>Where the waiting checks are counted (the check writer, created after the metrics).</summary>
    public void ObserveCheckQueue(Func<int> waiting) => _checksWaiting = waiting;

    public void CacheLookup(string cache, bool hit) =>
        _cacheLookups.Add(1, new KeyValuePair<string, object?>("cache", cache), new KeyValuePair<string, object?>("result", hit ? "hit" : "miss"));

    public void ProviderCall(string provider, string outcome, double milliseconds) =>
        _providerDuration.Record(milliseconds, new KeyValuePair<string, object?>("provider", provider), new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>0 closed, 1 half-open, 2 open.</summary>
    public void CircuitState(string provider, int state) => _circuits[provider] = state;

    public void OutboxLag(double seconds) => Volatile.Write(ref _outboxLagSeconds, seconds);

    private IEnumerable<Measurement<int>> ObserveCircuits() =>
        _circuits.Select(c => new Measurement<int>(c.Value, new KeyValuePair<string, object?>("provider", c.Key)));
}
