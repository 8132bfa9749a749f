using System.Diagnostics;

namespace Compliance.LoadTest;

/// <summary>
/// Every measured request's latency (Stopwatch ticks, all of them: a minute at a few thousand per
/// second is small), the dispatcher's lag behind the schedule, and the outcomes by status.
/// </summary>
internal sealed class LatencyRecorder
{
    private readonly Lock _lock = new();
    private readonly List<long> _latencies = new(1 << 16);
    private readonly List<long> _lags = new(1 << 16);
    private readonly Dictionary<string, long> _outcomes = new(StringComparer.Ordinal);
    private long _skipped;

    public void Record(long latencyTicks, long lagTicks, string outcome)
    {
        lock (_lock)
        {
            _latencies.Add(latencyTicks);
            _lags.Add(lagTicks);
            _outcomes[outcome] = _outcomes.GetValueOrDefault(outcome) + 1;
        }
    }

    /// <summary>A scheduled request not sent because too many were in flight: the run is not valid.</summary>
    public void Skip() => Interlocked.Increment(ref _skipped);

    public LoadResult Result(LoadOptions options, string mode, double measuredSeconds, TimeSpan clientCpu)
    {
        lock (_lock)
        {
            var latencies = _latencies.ToArray();
            var lags = _lags.ToArray();
            Array.Sort(latencies);
            Array.Sort(lags);
            var errors = _outcomes.Where(o => o.Key != "200" && o.Key != "201").Sum(o => o.Value);
            return new LoadResult(
                options.Label, options.Target, mode, latencies.Length, errors, Interlocked.Read(ref _skipped),
                new SortedDictionary<string, long>(_outcomes, StringComparer.Ordinal), latencies.Length / measuredSeconds,
                Percentile(latencies, 50), Percentile(latencies, 90), Percentile(latencies, 99), Percentile(latencies, 99.9),
                latencies.Length == 0 ? 0 : Ms(latencies[^1]), Percentile(lags, 50), Percentile(lags, 99),
                clientCpu.TotalSeconds / measuredSeconds);
        }
    }

    // Nearest rank: the smallest value with at least p% of the values at or below it.
    private static double Percentile(long[] sorted, double p) =>
        sorted.Length == 0 ? 0 : Ms(sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)]);

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
