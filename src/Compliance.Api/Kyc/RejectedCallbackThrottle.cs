using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Compliance.Api.Kyc;

/// <summary>
/// Bounds how many refused callbacks per provider and minute become audit events. Refusals come from
/// unauthenticated senders; without a bound, forged traffic could flood the append-only audit log.
/// Refusals over the bound are still answered 401 and logged.
/// </summary>
internal sealed class RejectedCallbackThrottle(IOptions<KycOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(provider =>
        RateLimitPartition.GetFixedWindowLimiter(provider, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, options.Value.RejectedCallbackAuditPerMinute),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    /// <summary>True when this refusal should be written to the audit log.</summary>
    public bool ShouldAudit(string provider)
    {
        using var lease = _limiter.AttemptAcquire(provider);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
