using BenchmarkDotNet.Attributes;
using Compliance.Api.Screening.Matching;

namespace Compliance.Benchmarks.Screening;

/// <summary>
/// One screening of a name against 50,000 list entries, single-threaded, at the customer threshold:
/// the mean over 1,000 varied names (hits, typos, one shared token, near misses). The per-name
/// latency distribution (p50/p99/max) is measured by <c>--screening-latency</c> (ScreeningLatency).
/// </summary>
[MemoryDiagnoser]
public class ScreeningBenchmarks
{
    private ScreeningIndex _index = null!;
    private ScreeningSubject[] _queries = null!;

    [GlobalSetup]
    public void Setup()
    {
        _index = ScreeningWorkload.Index();
        _queries = ScreeningWorkload.Queries(_index);
    }

    [Benchmark(OperationsPerInvoke = 1000)]
    public int ScreenOneName_50kEntries()
    {
        var hits = 0;
        foreach (var query in _queries)
        {
            hits += _index.Screen(query, 0.85).Count;
        }

        return hits;
    }

    [Benchmark]
    public int BuildIndex_50kEntries() => ScreeningWorkload.Index().NameCount;
}
