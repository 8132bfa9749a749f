using System.Globalization;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Compliance.Crypto;

/// <summary>
/// Azure.Core's retry policy (which already waits out Retry-After on 429 and 503), bounded: a
/// throttled answer asking us to wait longer than <c>maxRetryAfter</c> is not retried.
/// </summary>
internal sealed class KeyVaultRetryPolicy(int maxRetries, TimeSpan retryDelay, TimeSpan maxRetryAfter)
    : RetryPolicy(maxRetries, DelayStrategy.CreateExponentialDelayStrategy(retryDelay, maxRetryAfter))
{
    protected override bool ShouldRetry(HttpMessage message, Exception? exception) =>
        !AsksTooLong(message) && base.ShouldRetry(message, exception);

    protected override async ValueTask<bool> ShouldRetryAsync(HttpMessage message, Exception? exception) =>
        !AsksTooLong(message) && await base.ShouldRetryAsync(message, exception);

    internal static TimeSpan? RetryAfter(Response response)
    {
        if (response.Headers.TryGetValue("retry-after-ms", out var ms) && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds))
        {
            return TimeSpan.FromMilliseconds(milliseconds);
        }

        if (response.Headers.TryGetValue("Retry-After", out var value) && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return null;
    }

    private bool AsksTooLong(HttpMessage message) =>
        message.HasResponse && RetryAfter(message.Response) is { } wait && wait > maxRetryAfter;
}
