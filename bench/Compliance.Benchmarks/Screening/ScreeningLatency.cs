using System.Diagnostics;
using System.Globalization;

namespace Compliance.Benchmarks.Screening;

/// <summary>
/// The latency of each single screening, one thread, after a warm-up pass: 20 passes over the
/// 1,000 names of the workload (20,000 timed screenings), reported as percentiles. BenchmarkDotNet
/// gives the mean; a p99 over different names needs each one timed.
/// </summary>
internal static class ScreeningLatency
{
    public static void Run()
    {
        var build = Stopwatch.StartNew();
        var index = ScreeningWorkload.Index();
        Console.WriteLine($"index: {index.EntryCount} entries, {index.NameCount} names, built in {build.ElapsedMilliseconds} ms");
        var queries = ScreeningWorkload.Queries(index);
        foreach (var q in queries)
        {
            index.Screen(q, 0.85);
        }

        var samples = new List<double>(queries.Length * 20);
        var hits = 0;
        for (var pass = 0; pass < 20; pass++)
        {
            foreach (var q in queries)
            {
                var start = Stopwatch.GetTimestamp();
                hits += index.Screen(q, 0.85).Count;
                samples.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
            }
        }

        samples.Sort();
        double P(double p) => samples[Math.Min(samples.Count - 1, (int)(p * samples.Count))];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{samples.Count} screenings, {hits / 20} hits per pass: p50 {P(0.5):0.0} us, p90 {P(0.9):0.0} us, p99 {P(0.99):0.0} us, p99.9 {P(0.999):0.0} us, max {samples[^1]:0.0} us, mean {samples.Average():0.0} us"));
    }
}
