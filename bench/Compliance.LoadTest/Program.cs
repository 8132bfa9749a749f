using System.Net;
using Compliance.LoadTest;

if (!LoadOptions.TryParse(args, Environment.GetEnvironmentVariable("COMPLIANCE_LOAD_API_KEY"), out var options, out var error))
{
    await Console.Error.WriteLineAsync(error);
    await Console.Error.WriteLineAsync(LoadOptions.Usage);
    return 2;
}

// Many workers start at once; do not let the pool's slow thread injection look like service latency.
ThreadPool.SetMinThreads(Math.Max(options.Concurrency, 64), 64);

using var handler = new SocketsHttpHandler
{
    MaxConnectionsPerServer = Math.Max(options.Saturate ? options.Concurrency : options.MaxInFlight, 8),
    PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
    UseCookies = false,
    UseProxy = false,
    AutomaticDecompression = DecompressionMethods.None,
    ConnectTimeout = TimeSpan.FromSeconds(5),
};
using var client = new HttpClient(handler) { BaseAddress = options.Url, Timeout = TimeSpan.FromSeconds(30) };

if (options.Target == "checks" && options.SeedCustomers > 0)
{
    await Console.Out.WriteLineAsync($"Seeding {options.SeedCustomers} customers ({options.CustomerPrefix}1..)...");
    await CustomerSeeder.SeedAsync(client, options.ApiKey!, options.SeedCustomers, options.CustomerPrefix, CancellationToken.None);
}

ILoadTarget target = options.Target switch
{
    "checks" => new ChecksTarget(options.ApiKey!, options.Customers, options.CustomerPrefix, options.HotCustomers, options.HotShare, TimeProvider.System),
    "cases" => new CasesTarget(options.ApiKey!, options.Inbox),
    _ => new LiveTarget(),
};
await Console.Out.WriteLineAsync($"Running {options.Target} against {options.Url}: warm-up {options.WarmupSeconds}s (not measured), then {options.DurationSeconds}s.");

// CPU of the watched processes over the measured window (time-based: both runners measure from warm-up to warm-up + duration).
var cpu = new ProcessCpu(options.Watched);
var cpuWindow = Task.Run(async () =>
{
    await Task.Delay(TimeSpan.FromSeconds(options.WarmupSeconds));
    var first = cpu.Sample();
    await Task.Delay(TimeSpan.FromSeconds(options.DurationSeconds));
    return cpu.Sample().ToDictionary(s => s.Key, s => s.Value - first[s.Key]);
});
var result = options.Saturate
    ? await new ClosedLoopRunner(client, target, options).RunAsync()
    : await new OpenLoopRunner(client, target, options).RunAsync();
await Console.Out.WriteAsync(result.ToText());
await Console.Out.WriteLineAsync(result.ToLine());
if (options.Watched.Count > 0 && result.Requests > 0)
{
    var perRequest = (await cpuWindow).Select(c => $"{c.Key}={c.Value * 1000 / result.Requests:F3}")
        .Append($"loadgen={result.ClientCpuCores * 1000 / result.AchievedRate:F3}");
    await Console.Out.WriteLineAsync($"CPU\t{options.Label}\t{string.Join('\t', perRequest)}");
}
return result.Skipped > 0 ? 3 : 0;
