namespace Compliance.Api.Companies;

/// <summary>
/// An exact sliding-window limit: at most <c>limit</c> requests in any window of <c>window</c>. It keeps
/// the send time of each request of the last window (600 at most for Companies House) and reserves a
/// slot for a caller at the earliest time the window allows, so callers waiting together queue in order.
/// One per process: the limit is per instance (docs/kyc.md says how to share it among N instances).
/// </summary>
internal sealed class SlidingWindowLog(int limit, TimeSpan window, TimeProvider time)
{
    private readonly Lock _gate = new();

    // Send times in ascending order, some possibly in the future (reserved).
    private readonly List<DateTimeOffset> _sent = [];

    public int Limit => limit;

    public TimeSpan Window => window;

    /// <summary>
    /// Reserves the next slot and returns how long to wait before sending (zero when free now), or null
    /// without reserving when that wait would exceed <paramref name="maxWait"/>.
    /// </summary>
    public TimeSpan? TryReserve(TimeSpan maxWait)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var expired = _sent.FindIndex(at => at > now - window);
            _sent.RemoveRange(0, expired < 0 ? _sent.Count : expired);
            var at = _sent.Count < limit ? now : _sent[_sent.Count - limit] + window;
            if (_sent.Count > 0 && at < _sent[^1])
            {
                at = _sent[^1];
            }

            var wait = at - now;
            if (wait > maxWait)
            {
                return null;
            }

            _sent.Add(at);
            return wait;
        }
    }
}
