using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Compliance.Api.RuleSets;

/// <summary>
/// Runs backtests as jobs stored in <c>backtest_jobs</c>. The instance that starts a job runs it
/// and checkpoints its tally every <see cref="RuleSetOptions.BacktestCheckpointMilliseconds"/>,
/// which is also its heartbeat; any instance reads it. On shutdown a running job
/// is released with its checkpoint; after a crash its heartbeat goes stale. Either way, every
/// instance looks for such jobs every <see cref="RuleSetOptions.BacktestResumeSeconds"/> and
/// resumes one from its checkpoint, up to <see cref="MaxAttempts"/> attempts, then fails it with
/// the reason, so no job is left "running" forever.
/// </summary>
internal sealed class BacktestJobs(
    Backtester backtester, RuleSetStore store, IOptions<RuleSetOptions> options, TimeProvider time, ILogger<BacktestJobs> logger) : BackgroundService
{
    public const int MaxAttempts = 3;

    // Backtests are CPU work beside the check path: at most this many run on one instance at once.
    private const int MaxRunningHere = 2;

    // A new owner per process: after a restart, jobs the old process held are someone else's to resume.
    private readonly string _owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
    private readonly ConcurrentDictionary<Guid, Task> _running = new();
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Stores the job as this instance's and starts it.</summary>
    public async Task<Guid> StartJobAsync(PublishedRuleSet candidate, BacktestRange range, string requestedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var id = Guid.CreateVersion7();
        await store.CreateJobAsync(id, candidate.Name, candidate.Version, range, _owner, requestedBy, cancellationToken);
        Run(id, candidate, range, new BacktestTally());
        return id;
    }

    /// <summary>Waits up to <paramref name="timeout"/> for a job this instance runs to finish.</summary>
    public async Task WaitAsync(Guid id, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_running.TryGetValue(id, out var running))
        {
            await Task.WhenAny(running, Task.Delay(timeout, time, cancellationToken));
        }
    }

    public async Task<BacktestStatus?> FindAsync(string ruleSet, Guid id, CancellationToken cancellationToken) =>
        (await store.JobAsync(ruleSet, id, cancellationToken))?.Status();

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Jobs release themselves when stopping is signalled; wait for that, within the host's shutdown time.
        // The host may stop twice (the app's Run loop and its owner both call StopAsync, as
        // WebApplicationFactory does), and the second call can come after Dispose: then the jobs
        // were already released by the first.
        try
        {
            await _stopping.CancelAsync();
        }
        catch (ObjectDisposedException)
        {
            return;
        }

        await base.StopAsync(cancellationToken);
        await Task.WhenAll(_running.Values).WaitAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _stopping.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.BacktestResumeSeconds), time);
        do
        {
            try
            {
                await store.DeleteFinishedJobsAsync(time.GetUtcNow().AddDays(-options.Value.BacktestRetentionDays), stoppingToken);
                while (_running.Count < MaxRunningHere && await ResumeOneAsync(stoppingToken))
                {
                }
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                RuleSetLog.BacktestResumeFailed(logger, e.GetType().Name);
            }
        }
        while (await WaitForNextTickAsync(timer, stoppingToken));
    }

    /// <summary>Claims one orphaned job and resumes or fails it; false when there was none.</summary>
    private async Task<bool> ResumeOneAsync(CancellationToken cancellationToken)
    {
        var job = await store.ClaimStaleJobAsync(_owner, TimeSpan.FromSeconds(options.Value.BacktestStaleSeconds), [.. _running.Keys], cancellationToken);
        if (job is null)
        {
            return false;
        }

        if (job.Attempts > MaxAttempts)
        {
            await FailAsync(job.Id, job.Scanned, job.Total,
                $"The backtest was interrupted {MaxAttempts} times (its instance stopped each time) before it finished. Start it again.");
            return true;
        }

        var row = await store.VersionAsync(job.RuleSet, job.Version, cancellationToken);
        var candidate = row is null ? null
            : PublishedRuleSet.TryCreate(job.RuleSet, job.Version, row.ContentHash, row.Workflow, RuleSetStore.ParseSettings(row.Settings), out _);
        if (candidate is null)
        {
            await FailAsync(job.Id, job.Scanned, job.Total, $"Version {job.Version} of {job.RuleSet} can no longer be compiled. Start it again.");
            return true;
        }

        RuleSetLog.BacktestResumed(logger, job.Id, job.Attempts, job.Scanned, job.Total);
        Run(job.Id, candidate, job.Range, job.Tally());
        return true;
    }

    private void Run(Guid id, PublishedRuleSet candidate, BacktestRange range, BacktestTally tally)
    {
        var stopping = _stopping.Token;
        _running[id] = Task.Run(async () =>
        {
            try
            {
                await RunAsync(id, candidate, range, tally, stopping);
            }
            finally
            {
                _running.TryRemove(id, out _);
            }
        }, CancellationToken.None);
    }

    private async Task RunAsync(Guid id, PublishedRuleSet candidate, BacktestRange range, BacktestTally tally, CancellationToken stopping)
    {
        try
        {
            var settings = options.Value;
            var result = await backtester.RunAsync(candidate, range, tally, TimeSpan.FromSeconds(settings.BacktestMaxSeconds),
                TimeSpan.FromMilliseconds(settings.BacktestCheckpointMilliseconds), (t, ct) => store.CheckpointJobAsync(id, _owner, t, ct), stopping);
            if (result is null || !await store.CompleteJobAsync(id, _owner, result, tally.Total, CancellationToken.None))
            {
                RuleSetLog.BacktestTakenOver(logger, id);
                return;
            }

            RuleSetLog.BacktestFinished(logger, id, candidate.Name, candidate.Version);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down: hand the job over with its last checkpoint. If even that fails, its heartbeat goes stale.
            await TryAsync(() => store.ReleaseJobAsync(id, _owner, CancellationToken.None));
            RuleSetLog.BacktestReleased(logger, id, tally.Replayed, tally.Total);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Text.Json.JsonException)
        {
            await FailAsync(id, tally.Replayed, tally.Total, $"The backtest stopped: {e.GetType().Name}. Start it again.");
        }
    }

    private async Task FailAsync(Guid id, int scanned, int total, string error)
    {
        RuleSetLog.BacktestFailed(logger, id, error);
        await TryAsync(() => store.FailJobAsync(id, _owner, scanned, total, error, CancellationToken.None));
    }

    // The database may be what failed; a job left running with a stale heartbeat is resumed later.
    private static async Task TryAsync(Func<Task> write)
    {
        try
        {
            await write();
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
        }
    }

    private static async Task<bool> WaitForNextTickAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
