using System.Diagnostics;

namespace Compliance.LoadTest;

/// <summary>As fast as the service answers: C workers, each sends its next request when the last is answered.</summary>
internal sealed class ClosedLoopRunner(HttpClient client, ILoadTarget target, LoadOptions options)
{
    private long _sequence;

    public async Task<LoadResult> RunAsync()
    {
        var recorder = new LatencyRecorder();
        var start = Stopwatch.GetTimestamp();
        var measureStart = start + (long)(options.WarmupSeconds * Stopwatch.Frequency);
        var end = measureStart + (long)(options.DurationSeconds * Stopwatch.Frequency);
        var cpuAtStart = TimeSpan.Zero;
        var measuring = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(options.WarmupSeconds));
            cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
        });
        var workers = Enumerable.Range(0, options.Concurrency).Select(_ => Task.Run(async () =>
        {
            for (var now = Stopwatch.GetTimestamp(); now < end; now = Stopwatch.GetTimestamp())
            {
                await RequestSender.SendAsync(client, target, Interlocked.Increment(ref _sequence), now, now >= measureStart ? recorder : null);
            }
        }));
        await Task.WhenAll(workers);
        await measuring;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuAtStart;
        return recorder.Result(options, $"closed loop, concurrency {options.Concurrency}, {options.DurationSeconds:F0}s", options.DurationSeconds, cpu);
    }
}
