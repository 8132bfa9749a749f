using System.Diagnostics.Metrics;

namespace Compliance.Api;

/// <summary>
/// The service's own instruments on the <c>Compliance</c> meter (ASP.NET Core already reports
/// request durations on its own meters). Tags carry codes, never PII.
/// </summary>
internal sealed class ComplianceMetrics
{
    public const string MeterName = "Compliance";

    private readonly Counter<long> _authFailures;
    private readonly Counter<long> _rateLimited;
    private readonly Counter<long> _keysCreated;
    private readonly Counter<long> _decisions;
    private readonly Counter<long> _ruleErrors;
    private readonly Histogram<double> _checkDuration;

    public ComplianceMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _authFailures = meter.CreateCounter<long>("compliance.auth.failures", description: "Requests refused for a missing, malformed or unknown API key");
        _rateLimited = meter.CreateCounter<long>("compliance.rate_limit.rejections", description: "Requests refused by the per-key rate limit");
        _keysCreated = meter.CreateCounter<long>("compliance.api_keys.created", description: "API keys created");
        _decisions = meter.CreateCounter<long>("compliance.checks.decisions", description: "Pre-transaction decisions by outcome (replays excluded)");
        _ruleErrors = meter.CreateCounter<long>("compliance.checks.rule_errors", description: "Rules that failed to evaluate during checks");
        _checkDuration = meter.CreateHistogram<double>("compliance.checks.duration", unit: "ms", description: "Time to decide and store a check");
    }

    public void AuthenticationFailed(string reason) => _authFailures.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void RateLimited() => _rateLimited.Add(1);

    public void ApiKeyCreated() => _keysCreated.Add(1);

    public void Decision(string decision) => _decisions.Add(1, new KeyValuePair<string, object?>("decision", decision));

    public void RuleErrors(int count)
    {
        if (count > 0)
        {
            _ruleErrors.Add(count);
        }
    }

    public void CheckDuration(double milliseconds, string result) => _checkDuration.Record(milliseconds, new KeyValuePair<string, object?>("result", result));
}
