using Microsoft.Extensions.Options;

namespace Compliance.Api.Kyc.Providers;

/// <summary>
/// Checks each provider's resilience numbers against what Polly accepts, so a typo fails the start
/// with the setting's name instead of every call to that provider at run time. Missing BaseUrls and
/// credentials are not checked: an unconfigured provider must not stop the others.
/// </summary>
internal sealed class KycResilienceOptionsValidator : IValidateOptions<KycOptions>
{
    public ValidateOptionsResult Validate(string? name, KycOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var (provider, settings) in options.Providers)
        {
            var r = settings.Resilience;
            var prefix = $"{KycOptions.Section}:Providers:{provider}:Resilience:";
            Check(r.TotalTimeoutSeconds is > 0.01 and <= 86_400, nameof(r.TotalTimeoutSeconds), "between 0.01 and 86400");
            Check(r.AttemptTimeoutSeconds is > 0.01 and <= 86_400, nameof(r.AttemptTimeoutSeconds), "between 0.01 and 86400");
            Check(r.MaxRetries is >= 0 and <= 10, nameof(r.MaxRetries), "between 0 and 10");
            Check(r.BaseDelaySeconds is >= 0 and <= 3_600, nameof(r.BaseDelaySeconds), "between 0 and 3600");
            Check(r.MaxDelaySeconds >= r.BaseDelaySeconds && r.MaxDelaySeconds <= 86_400, nameof(r.MaxDelaySeconds), "at least BaseDelaySeconds");
            Check(r.BreakFailureRatio is > 0 and <= 1, nameof(r.BreakFailureRatio), "above 0 and at most 1");
            Check(r.BreakSamplingSeconds >= 0.5, nameof(r.BreakSamplingSeconds), "at least 0.5");
            Check(r.BreakMinimumThroughput >= 2, nameof(r.BreakMinimumThroughput), "at least 2");
            Check(r.BreakDurationSeconds >= 0.5, nameof(r.BreakDurationSeconds), "at least 0.5");
            if (KycProviders.RateLimited.Contains(provider, StringComparer.OrdinalIgnoreCase))
            {
                var limit = settings.RateLimit;
                prefix = $"{KycOptions.Section}:Providers:{provider}:RateLimit:";
                Check(limit.Requests is >= 1 and <= 1_000_000, nameof(limit.Requests), "between 1 and 1000000");
                Check(limit.WindowSeconds is >= 1 and <= 86_400, nameof(limit.WindowSeconds), "between 1 and 86400");
                Check(limit.MaxWaitSeconds >= 0 && limit.MaxWaitSeconds < r.AttemptTimeoutSeconds, nameof(limit.MaxWaitSeconds),
                    "at least 0 and below Resilience:AttemptTimeoutSeconds");
            }

            void Check(bool valid, string setting, string expected)
            {
                if (!valid)
                {
                    failures.Add($"{prefix}{setting} must be {expected}");
                }
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
