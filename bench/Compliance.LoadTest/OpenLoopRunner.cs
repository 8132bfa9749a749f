using System.Diagnostics;

namespace Compliance.LoadTest;

/// <summary>
/// Constant arrival rate. Request i is due at t0 + i/rate whatever happened to earlier ones, and its
/// latency counts from that due time, so a slow answer shows up in the latency of every request
/// queued behind it (no coordinated omission). A dedicated thread wakes about every millisecond and
/// sends what is due; its lag behind the schedule is part of the latency and is reported.
/// Requests due while <see cref="LoadOptions.MaxInFlight"/> are outstanding are skipped and counted.
/// </summary>
internal sealed class OpenLoopRunner(HttpClient client, ILoadTarget target, LoadOptions options)
{
    private int _inFlight;

    public async Task<LoadResult> RunAsync()
    {
        var recorder = new LatencyRecorder();
        var interval = Stopwatch.Frequency / options.Rate;
        var warmup = (long)Math.Round(options.Rate * options.WarmupSeconds);
        var total = warmup + (long)Math.Round(options.Rate * options.DurationSeconds);
        var dispatched = new TaskCompletionSource<(long MeasureStart, TimeSpan Cpu)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var dispatcher = new Thread(() =>
        {
            var start = Stopwatch.GetTimestamp();
            var measureStart = start + (long)(warmup * interval);
            var cpu = TimeSpan.Zero;
            for (long i = 0; i < total;)
            {
                var now = Stopwatch.GetTimestamp();
                for (var due = start + (long)(i * interval); i < total && due <= now; due = start + (long)(i * interval))
                {
                    if (i == warmup)
                    {
                        cpu = Process.GetCurrentProcess().TotalProcessorTime;
                    }

                    var measured = i >= warmup;
                    if (Volatile.Read(ref _inFlight) >= options.MaxInFlight)
                    {
                        if (measured)
                        {
                            recorder.Skip();
                        }
                    }
                    else
                    {
                        Interlocked.Increment(ref _inFlight);
                        _ = SendAsync(i, due, measured ? recorder : null);
                    }

                    i++;
                }

                Thread.Sleep(1);
            }

            dispatched.SetResult((measureStart, cpu));
        })
        { IsBackground = true, Name = "load dispatcher", Priority = ThreadPriority.AboveNormal };
        dispatcher.Start();
        var (measureStart, cpuAtStart) = await dispatched.Task;
        var drainUntil = Stopwatch.GetTimestamp() + (30 * Stopwatch.Frequency);
        while (Volatile.Read(ref _inFlight) > 0 && Stopwatch.GetTimestamp() < drainUntil)
        {
            await Task.Delay(5);
        }

        var seconds = Math.Max(options.DurationSeconds, Stopwatch.GetElapsedTime(measureStart).TotalSeconds);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuAtStart;
        return recorder.Result(options, $"open loop {options.Rate:F0}/s for {options.DurationSeconds:F0}s", seconds, cpu);
    }

    private async Task SendAsync(long sequence, long dueTicks, LatencyRecorder? recorder)
    {
        try
        {
            await RequestSender.SendAsync(client, target, sequence, dueTicks, recorder);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
