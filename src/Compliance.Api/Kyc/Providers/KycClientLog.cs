namespace Compliance.Api.Kyc.Providers;

/// <summary>Provider names, attempt numbers and status codes only: never tokens, bodies or customer data.</summary>
internal static partial class KycClientLog
{
    [LoggerMessage(8101, LogLevel.Warning, "KYC provider {Provider}: attempt {Attempt} failed ({Failure}); retrying in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string provider, int attempt, string failure, double delayMs);

    [LoggerMessage(8102, LogLevel.Error, "KYC provider {Provider}: circuit opened for {BreakSeconds} s after {Failure}")]
    public static partial void CircuitOpened(ILogger logger, string provider, double breakSeconds, string failure);

    [LoggerMessage(8103, LogLevel.Information, "KYC provider {Provider}: circuit closed")]
    public static partial void CircuitClosed(ILogger logger, string provider);

    [LoggerMessage(8104, LogLevel.Information, "KYC provider {Provider}: circuit half-open, letting a trial call through")]
    public static partial void CircuitHalfOpen(ILogger logger, string provider);

    [LoggerMessage(8105, LogLevel.Warning, "KYC provider {Provider}: Retry-After of {RetryAfterMs} ms exceeds the remaining budget; giving up")]
    public static partial void RetryAfterBeyondBudget(ILogger logger, string provider, double retryAfterMs);

    [LoggerMessage(8106, LogLevel.Warning, "KYC provider {Provider}: call failed ({Failure}, {Reason})")]
    public static partial void CallFailed(ILogger logger, string provider, KycProviderFailure failure, string reason);
}
