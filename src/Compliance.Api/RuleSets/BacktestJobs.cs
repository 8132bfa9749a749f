using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Compliance.Api.RuleSets;

/// <summary>
/// Backtests running or finished on this instance, kept in memory for an hour: a backtest is
/// evidence to look at, recomputable at any time, so it is not stored. Poll the instance that
/// started it (the Location answer of the POST).
/// </summary>
internal sealed class BacktestJobs(Backtester backtester, IOptions<RuleSetOptions> options, TimeProvider time, IHostApplicationLifetime lifetime, ILogger<BacktestJobs> logger)
{
    private static readonly TimeSpan Kept = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<Guid, BacktestJob> _jobs = new();

    public BacktestJob Start(PublishedRuleSet candidate, DateTimeOffset from, DateTimeOffset to, int? maxRows)
    {
        foreach (var old in _jobs.Values.Where(j => time.GetUtcNow() - j.StartedAt > Kept))
        {
            _jobs.TryRemove(old.Id, out _);
        }

        var settings = options.Value;
        var rows = Math.Min(maxRows ?? settings.BacktestMaxRows, settings.BacktestMaxRows);
        var job = new BacktestJob(Guid.CreateVersion7(), candidate.Name, candidate.Version, time.GetUtcNow());
        _jobs[job.Id] = job;
        var stopping = lifetime.ApplicationStopping;
        job.Completion = Task.Run(async () =>
        {
            try
            {
                job.Complete(await backtester.RunAsync(candidate, from, to, rows, TimeSpan.FromSeconds(settings.BacktestMaxSeconds), job, stopping));
                RuleSetLog.BacktestFinished(logger, job.Id, candidate.Name, candidate.Version);
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException or OperationCanceledException or System.Text.Json.JsonException)
            {
                RuleSetLog.BacktestFailed(logger, job.Id, e.GetType().Name);
                job.Fail($"The backtest stopped: {e.GetType().Name}. Start it again.");
            }
        }, stopping);
        return job;
    }

    public BacktestJob? Find(Guid id) => _jobs.GetValueOrDefault(id);
}
