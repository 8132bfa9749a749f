using Compliance.Api.Audit;
using Compliance.Api.Customers;
using Compliance.Api.Kyc;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Compliance.Api.Screening;

/// <summary>A re-screening job as the API shows it (properties, not a positional record: Dapper binds text[] only to properties).</summary>
internal sealed class RescreenRow
{
    public Guid Id { get; init; }

    public string Reason { get; init; } = "";

    public string State { get; init; } = "";

    public string AfterCustomer { get; init; } = "";

    public int Screened { get; init; }

    public int Matches { get; init; }

    public int Total { get; init; }

    public string[]? ListVersions { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime? StartedAt { get; init; }

    public DateTime? FinishedAt { get; init; }
}

/// <summary>
/// Re-screens every customer after a list version changes (the job its import queued). Any instance
/// may take a job: it holds a lease renewed after every batch, and an instance that stops mid-way
/// leaves the job to the next one, which carries on after the last customer done. Each customer's
/// data is decrypted for the purpose <c>sanctions_screening</c> (audited as any PII read) and
/// screened as at creation (CustomerScreener), so possible matches open cases.
/// </summary>
internal sealed class CustomerRescreening(
    NpgsqlDataSource dataSource, CustomerStore customers, CustomerScreener screener, ScreeningLoader loader, ScreeningIndexHolder holder,
    IOptions<ScreeningOptions> options, TimeProvider time, ILogger<CustomerRescreening> logger) : BackgroundService
{
    public const string Principal = "system:rescreen";

    private const string Columns = """
        id AS Id, reason AS Reason, state AS State, after_customer AS AfterCustomer, screened AS Screened, matches AS Matches, total AS Total,
        list_versions AS ListVersions, created_at AS CreatedAt, started_at AS StartedAt, finished_at AS FinishedAt
        """;

    private const string Claim = $"""
        UPDATE screening_rescreens SET state = 'running', started_at = coalesce(started_at, @Now), heartbeat_at = @Now,
               total = CASE WHEN total = 0 THEN (SELECT count(*) FROM customers)::int ELSE total END
        WHERE id = (SELECT id FROM screening_rescreens
                    WHERE state = 'queued' OR (state = 'running' AND heartbeat_at < @Stale)
                    ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING {Columns}
        """;

    private const string Batch = "SELECT id FROM customers WHERE id > @After ORDER BY id LIMIT @Limit";

    private const string Progress = """
        UPDATE screening_rescreens SET after_customer = @After, screened = screened + @Screened, matches = matches + @Matches, heartbeat_at = @Now,
               list_versions = @ListVersions
        WHERE id = @Id
        """;

    private const string Done = "UPDATE screening_rescreens SET state = 'done', finished_at = @Now, heartbeat_at = @Now WHERE id = @Id";

    private const string Recent = $"SELECT {Columns} FROM screening_rescreens ORDER BY created_at DESC LIMIT @Limit";

    private const int BatchSize = 100;

    public async Task<IReadOnlyList<RescreenRow>> RecentAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<RescreenRow>(new CommandDefinition(Recent, new { Limit = limit }, cancellationToken: cancellationToken))];
    }

    /// <summary>Works the oldest open job to its end; false when there was none.</summary>
    public async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        RescreenRow? job;
        var now = time.GetUtcNow();
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            job = await connection.QuerySingleOrDefaultAsync<RescreenRow>(new CommandDefinition(Claim, new { Now = now, Stale = now - TimeSpan.FromSeconds(options.Value.RescreenLeaseSeconds) },
                cancellationToken: cancellationToken));
        }

        if (job is null)
        {
            return false;
        }

        // The job was queued by an import this instance may not have loaded yet.
        await loader.RefreshAsync(cancellationToken);
        var after = job.AfterCustomer;
        var done = job.Screened;
        while (true)
        {
            List<string> ids;
            await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
            {
                ids = [.. await connection.QueryAsync<string>(new CommandDefinition(Batch, new { After = after, Limit = BatchSize }, cancellationToken: cancellationToken))];
            }

            if (ids.Count == 0)
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                await connection.ExecuteAsync(new CommandDefinition(Done, new { Now = time.GetUtcNow(), job.Id }, cancellationToken: cancellationToken));
                ScreeningLog.RescreenDone(logger, job.Reason, done);
                return true;
            }

            var (screened, matches) = await ScreenBatchAsync(ids, job.Reason, cancellationToken);
            after = ids[^1];
            done += screened;
            await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
            {
                await connection.ExecuteAsync(new CommandDefinition(Progress, new
                {
                    job.Id, After = after, Screened = screened, Matches = matches, Now = time.GetUtcNow(), ListVersions = holder.Versions.ToArray(),
                }, cancellationToken: cancellationToken));
            }

            ScreeningLog.RescreenProgress(logger, job.Reason, done, job.Total);
        }
    }

    private async Task<(int Screened, int Matches)> ScreenBatchAsync(List<string> ids, string reason, CancellationToken cancellationToken)
    {
        int screened = 0, matches = 0;
        foreach (var id in ids)
        {
            var customer = await customers.FindAsync(id, cancellationToken);
            if (customer?.Key is null)
            {
                // Erased: nothing left to screen.
                continue;
            }

            var pii = await customers.DecryptAsync(customer, cancellationToken);
            await customers.RecordAccessAsync(new AuditEvent(Principal, "customer.pii.read", AuditOutcome.Success, "customer", id,
                ["fullName", "dateOfBirth", "nationalId", "documentNumber", "nationality"], "sanctions_screening", Detail: $"re-screening after {reason}"),
                cancellationToken);
            var result = await screener.ScreenAsync(id, pii, customer.Country, "list_update", Principal, null, cancellationToken);
            if (result is null)
            {
                continue;
            }

            screened++;
            matches += result.Status == ScreeningStatus.PotentialMatch ? 1 : 0;
        }

        return (screened, matches);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromSeconds(options.Value.RescreenPollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await RunOnceAsync(stoppingToken))
                {
                    continue;
                }

                await Task.Delay(poll, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                // The lease runs out and this or another instance resumes after the last batch recorded.
                ScreeningLog.RescreenFailed(logger, e.Message);
                try
                {
                    await Task.Delay(poll, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
