using System.Collections.Concurrent;
using System.Diagnostics;

namespace Compliance.Api.Tests.Infrastructure;

/// <summary>Records every span of the named sources that ends while it is alive (all sampled, all data).</summary>
public sealed class SpanRecorder : IDisposable
{
    private readonly ConcurrentBag<Activity> _spans = [];
    private readonly ActivityListener _listener;

    public SpanRecorder(params string[] sources)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => sources.Contains(source.Name),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Add,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public IReadOnlyCollection<Activity> Spans => _spans;

    /// <summary>The spans of one trace, once one from <paramref name="source"/> has ended (server spans end after the response is read); up to 5 s.</summary>
    public async Task<List<Activity>> TraceAsync(ActivityTraceId traceId, string source)
    {
        List<Activity> trace = [];
        for (var i = 0; i < 50 && !trace.Any(s => s.Source.Name == source); i++)
        {
            await Task.Delay(100);
            trace = [.. _spans.Where(s => s.TraceId == traceId)];
        }

        return trace;
    }

    public void Dispose() => _listener.Dispose();
}
