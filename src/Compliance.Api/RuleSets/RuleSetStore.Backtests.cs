using System.Text.Json;
using Dapper;

namespace Compliance.Api.RuleSets;

/// <summary>
/// Backtest jobs: created by the instance that starts one, which then owns it and heartbeats with
/// each checkpoint; a job whose owner let go (shutdown) or went quiet (crash) is claimed by any
/// instance. Every write after the claim names the owner, so an instance that lost a job to
/// another (it was presumed dead) finds out at its next checkpoint and stops.
/// </summary>
internal sealed partial class RuleSetStore
{
    private const string JobColumns = """
        id AS Id, rule_set AS RuleSet, version AS Version, range_from AS RangeFrom, range_to AS RangeTo, max_rows AS MaxRows,
        state AS State, scanned AS Scanned, total AS Total, checkpoint::text AS Checkpoint, result::text AS Result, error AS Error,
        attempts AS Attempts, requested_by AS RequestedBy, created_at AS CreatedAt, finished_at AS FinishedAt
        """;

    private const string InsertJob = """
        INSERT INTO backtest_jobs (id, rule_set, version, range_from, range_to, max_rows, state, owner, heartbeat_at, requested_by, created_at)
        VALUES (@Id, @RuleSet, @Version, @From, @To, @MaxRows, 'running', @Owner, now(), @RequestedBy, @At)
        """;

    private const string SelectJob = $"SELECT {JobColumns} FROM backtest_jobs WHERE id = @Id AND rule_set = @RuleSet";

    private const string SaveCheckpoint = """
        UPDATE backtest_jobs SET scanned = @Scanned, total = @Total, checkpoint = @Checkpoint::jsonb, heartbeat_at = now()
        WHERE id = @Id AND owner = @Owner AND state = 'running'
        """;

    private const string Finish = """
        UPDATE backtest_jobs SET state = @State, scanned = @Scanned, total = @Total, result = @Result::jsonb, error = @Error,
               checkpoint = NULL, owner = NULL, heartbeat_at = NULL, finished_at = @At
        WHERE id = @Id AND owner = @Owner AND state = 'running'
        """;

    private const string Release = "UPDATE backtest_jobs SET owner = NULL, heartbeat_at = NULL WHERE id = @Id AND owner = @Owner AND state = 'running'";

    // One job at a time, oldest first; SKIP LOCKED keeps two instances from claiming the same one.
    private const string ClaimStale = $"""
        UPDATE backtest_jobs SET owner = @Owner, heartbeat_at = now(), attempts = attempts + 1
        WHERE id = (SELECT id FROM backtest_jobs
                    WHERE state = 'running' AND (owner IS NULL OR heartbeat_at < now() - make_interval(secs => @StaleSeconds))
                      AND NOT (id = ANY (@RunningHere))
                    ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING {JobColumns}
        """;

    private const string DeleteFinished = "DELETE FROM backtest_jobs WHERE state <> 'running' AND finished_at < @Before";

    public async Task CreateJobAsync(Guid id, string ruleSet, int version, BacktestRange range, string owner, string requestedBy, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(InsertJob, new
        {
            Id = id, RuleSet = ruleSet, Version = version, range.From, range.To, range.MaxRows, Owner = owner, RequestedBy = requestedBy, At = time.GetUtcNow(),
        }, cancellationToken: cancellationToken));
    }

    public async Task<BacktestJobRow?> JobAsync(string ruleSet, Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<BacktestJobRow>(new CommandDefinition(SelectJob, new { Id = id, RuleSet = ruleSet }, cancellationToken: cancellationToken));
    }

    /// <summary>Saves progress and the tally; false when this instance no longer owns the job.</summary>
    public async Task<bool> CheckpointJobAsync(Guid id, string owner, BacktestTally tally, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(SaveCheckpoint, new
        {
            Id = id, Owner = owner, Scanned = tally.Replayed, tally.Total, Checkpoint = JsonSerializer.Serialize(tally, Json),
        }, cancellationToken: cancellationToken)) == 1;
    }

    public async Task<bool> CompleteJobAsync(Guid id, string owner, BacktestResult result, int total, CancellationToken cancellationToken) =>
        await FinishJobAsync(id, owner, "completed", result.Replayed, total, JsonSerializer.Serialize(result, Json), null, cancellationToken);

    public async Task<bool> FailJobAsync(Guid id, string owner, int scanned, int total, string error, CancellationToken cancellationToken) =>
        await FinishJobAsync(id, owner, "failed", scanned, total, null, error, cancellationToken);

    /// <summary>Lets another instance (or this one after a restart) take the job over at once.</summary>
    public async Task ReleaseJobAsync(Guid id, string owner, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(Release, new { Id = id, Owner = owner }, cancellationToken: cancellationToken));
    }

    /// <summary>Takes one running job that nobody owns or whose owner has not checkpointed for <paramref name="staleAfter"/>.</summary>
    /// <summary>
    /// Takes over the oldest job that is free or whose owner stopped heartbeating, except the jobs in
    /// <paramref name="runningHere"/>: a job this instance still runs, late with its heartbeat (a slow
    /// batch, a pause), must not be started a second time beside itself.
    /// </summary>
    public async Task<BacktestJobRow?> ClaimStaleJobAsync(string owner, TimeSpan staleAfter, Guid[] runningHere, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<BacktestJobRow>(new CommandDefinition(ClaimStale,
            new { Owner = owner, StaleSeconds = staleAfter.TotalSeconds, RunningHere = runningHere }, cancellationToken: cancellationToken));
    }

    public async Task<int> DeleteFinishedJobsAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(DeleteFinished, new { Before = before }, cancellationToken: cancellationToken));
    }

    private async Task<bool> FinishJobAsync(Guid id, string owner, string state, int scanned, int total, string? result, string? error, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(Finish, new
        {
            Id = id, Owner = owner, State = state, Scanned = scanned, Total = total, Result = result, Error = error, At = time.GetUtcNow(),
        }, cancellationToken: cancellationToken)) == 1;
    }
}
