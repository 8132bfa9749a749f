using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Compliance.Api.Tests.Checks;
using Compliance.Api.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Compliance.Api.Tests.RuleSets;

/// <summary>
/// Backtest jobs live in PostgreSQL: readable from any instance, resumed from their checkpoint by
/// another instance when theirs stops, and failed with a reason when they keep being interrupted.
/// Two hosts on one database; the first owns the database, the second is the one that stops.
/// </summary>
[Collection(RuleSetCollection.Name)]
public sealed class BacktestJobTests : IAsyncLifetime
{
    private const int Copies = 8_000;

    private readonly ApiFactory _first = new();
    private readonly ApiFactory _second = new();

    public async Task InitializeAsync()
    {
        foreach (var host in new[] { _first, _second })
        {
            host.Set("RuleSets:BacktestWaitMilliseconds", "0");
            host.Set("RuleSets:BacktestResumeSeconds", "1");
            host.Set("RuleSets:BacktestCheckpointMilliseconds", "20");
            host.Set("RuleSets:BacktestStaleSeconds", "2");
        }

        await _first.InitializeAsync();
        _second.Set("ConnectionStrings:Postgres", _first.ConnectionString);
        _second.Set("Vault:KeyDirectory", _first.KeyDirectory);
        await _second.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)_second).DisposeAsync();
        await ((IAsyncLifetime)_first).DisposeAsync();
    }

    [Fact]
    public async Task Backtest_InstanceStopsMidRun_AnotherResumesFromTheCheckpointWithTheSameResult()
    {
        var (version, from, to) = await DecisionsAndStricterVersionAsync();
        using var onFirst = await RuleSetClient.CreateAsync(_first);
        using var onSecond = await RuleSetClient.CreateAsync(_second);

        var started = await onSecond.Author.PostAsJsonAsync($"{RuleSetClient.Base}/versions/{version}/backtest", new { from, to });
        started.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var location = started.Headers.Location!.ToString();

        // The first instance shows the second's job while it runs: progress is in the database.
        var midway = await PollAsync(onFirst.Author, location, s => s.GetProperty("scanned").GetInt32() > 0);
        midway.GetProperty("status").GetString().Should().Be("running");
        await ((IAsyncLifetime)_second).DisposeAsync();
        _second.Logs.All.Should().Contain("Released backtest");

        var finished = await PollAsync(onFirst.Author, location, s => s.GetProperty("status").GetString() != "running");
        finished.GetProperty("status").GetString().Should().Be("completed", finished.ToString());
        finished.GetProperty("attempts").GetInt32().Should().Be(2);
        var resumedAt = System.Text.RegularExpressions.Regex.Match(_first.Logs.All, @"Resumed backtest \S+ \(attempt 2\) at (\d+) of");
        resumedAt.Success.Should().BeTrue(_first.Logs.All);
        int.Parse(resumedAt.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture).Should().BeGreaterThan(0, "it continued from the checkpoint");

        // The same backtest without interruption counts exactly the same.
        var whole = await PollAsync(onFirst.Author,
            (await onFirst.Author.PostAsJsonAsync($"{RuleSetClient.Base}/versions/{version}/backtest", new { from, to })).Headers.Location!.ToString(),
            s => s.GetProperty("status").GetString() != "running");
        whole.GetProperty("attempts").GetInt32().Should().Be(1);
        var resumed = finished.GetProperty("result");
        var uninterrupted = whole.GetProperty("result");
        resumed.GetProperty("replayed").GetInt32().Should().Be(4 * (Copies + 1));
        foreach (var field in new[] { "replayed", "flipped", "flips", "baseline", "candidate", "rules", "baselineVersions", "recordedMismatches" })
        {
            resumed.GetProperty(field).ToString().Should().Be(uninterrupted.GetProperty(field).ToString(), field);
        }
    }

    [Fact]
    public async Task Backtest_OwnerCrashed_IsResumedElsewhereOrFailedAfterThreeAttempts()
    {
        var (version, from, to) = await DecisionsAndStricterVersionAsync(copies: 10);
        using var officers = await RuleSetClient.CreateAsync(_first);
        await using var connection = new NpgsqlConnection(_first.ConnectionString);

        // What a crash leaves: a running job whose owner stopped heartbeating, once after its first attempt, once after its third.
        const string Orphan = """
            INSERT INTO backtest_jobs (id, rule_set, version, range_from, range_to, max_rows, state, attempts, owner, heartbeat_at, requested_by, created_at)
            VALUES (@Id, 'pre-transaction', @Version, @From, @To, 1000, 'running', @Attempts, 'crashed-host/1/x', now() - interval '1 hour', 'test', now())
            """;
        var resumable = Guid.NewGuid();
        var exhausted = Guid.NewGuid();
        await connection.ExecuteAsync(Orphan, new { Id = resumable, Version = version, From = from, To = to, Attempts = 1 });
        await connection.ExecuteAsync(Orphan, new { Id = exhausted, Version = version, From = from, To = to, Attempts = Compliance.Api.RuleSets.BacktestJobs.MaxAttempts });

        var done = await PollAsync(officers.Author, $"{RuleSetClient.Base}/backtests/{resumable}", s => s.GetProperty("status").GetString() != "running");
        done.GetProperty("status").GetString().Should().Be("completed");
        done.GetProperty("attempts").GetInt32().Should().Be(2);
        done.GetProperty("result").GetProperty("replayed").GetInt32().Should().Be(4 * 11);

        var failed = await PollAsync(officers.Author, $"{RuleSetClient.Base}/backtests/{exhausted}", s => s.GetProperty("status").GetString() != "running");
        failed.GetProperty("status").GetString().Should().Be("failed");
        failed.GetProperty("error").GetString().Should().Contain("interrupted 3 times").And.Contain("Start it again");
        (await officers.Author.GetAsync($"{RuleSetClient.Base}/backtests/{Guid.NewGuid()}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Stop_AfterDispose_IsANoOp()
    {
        // WebApplicationFactory stops the host once itself and once through the app's Run loop,
        // which disposes the services in between: the second stop must not throw.
        var jobs = _first.Services.GetRequiredService<Compliance.Api.RuleSets.BacktestJobs>();
        await jobs.StopAsync(CancellationToken.None);
        jobs.Dispose();

        await jobs.Invoking(j => j.StopAsync(CancellationToken.None)).Should().NotThrowAsync();
    }

    /// <summary>
    /// Four decisions the stricter version flips, each copied <paramref name="copies"/> times in the
    /// database (a backtest long enough to stop midway), and an approved version with a lower threshold.
    /// </summary>
    private async Task<(int Version, DateTimeOffset From, DateTimeOffset To)> DecisionsAndStricterVersionAsync(int copies = Copies)
    {
        using var checks = await CheckClient.CreateAsync(_first);
        var from = TimeProvider.System.GetUtcNow().AddMinutes(-1);
        for (var i = 0; i < 4; i++)
        {
            await checks.DecideAsync(CheckClient.Body($"job-{i}", await checks.CustomerAsync(), 500m, counterpartyCountry: "NG", account: $"NG-job-{i}"));
        }

        await using (var connection = new NpgsqlConnection(_first.ConnectionString))
        {
            await connection.ExecuteAsync("""
                INSERT INTO decisions (transaction_id, check_id, customer_id, request_hash, request, facts, decision, score, reasons, rule_set,
                                       rule_set_version, rates_version, decided_at, evaluation_us, response, chain, seq, prev_hash, hash)
                SELECT d.transaction_id || '-copy-' || g, gen_random_uuid(), d.customer_id, d.request_hash, d.request, d.facts, d.decision, d.score,
                       d.reasons, d.rule_set, d.rule_set_version, d.rates_version, d.decided_at + g * interval '1 microsecond', d.evaluation_us,
                       d.response, 'copies-' || d.transaction_id, g, d.prev_hash, d.hash
                FROM decisions d, generate_series(1, @Copies) g
                WHERE d.transaction_id LIKE 'job-%'
                """, new { Copies = copies });
        }

        using var officers = await RuleSetClient.CreateAsync(_first);
        var (workflow, settings, tests, _, _) = await officers.PublishedAsync();
        var stricter = settings.DeepClone().AsObject();
        stricter["scoreThreshold"] = 40;
        return (await officers.CreateDraftVersionAsync(workflow, stricter, tests), from, TimeProvider.System.GetUtcNow().AddMinutes(1));
    }

    private static async Task<JsonElement> PollAsync(HttpClient client, string location, Func<JsonElement, bool> until)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(60);
        while (true)
        {
            var status = await client.GetFromJsonAsync<JsonElement>(location);
            if (until(status))
            {
                return status;
            }

            TimeProvider.System.GetUtcNow().Should().BeBefore(deadline, $"{location} should get there: {status}");
            await Task.Delay(10);
        }
    }
}
