using Compliance.Api.RuleSets;
using Compliance.Api.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Compliance.Api.Tests.RuleSets;

/// <summary>
/// Claiming stale backtest jobs, on a host whose own resume loop runs once at start (with a staleness
/// no job here reaches) and then not for an hour, so that only the test claims.
/// </summary>
public sealed class BacktestClaimTests : IAsyncLifetime
{
    private readonly ApiFactory _host = new();

    public async Task InitializeAsync()
    {
        _host.Set("RuleSets:BacktestResumeSeconds", "3600");

        // The host's own pass at start may run while the test inserts its job: it must see nothing stale.
        _host.Set("RuleSets:BacktestStaleSeconds", "86400");
        await _host.InitializeAsync();
    }

    public Task DisposeAsync() => ((IAsyncLifetime)_host).DisposeAsync();

    [Fact]
    public async Task ClaimStale_SkipsAJobThisInstanceStillRuns()
    {
        var store = _host.Services.GetRequiredService<RuleSetStore>();
        await using var connection = new NpgsqlConnection(_host.ConnectionString);
        var id = Guid.NewGuid();
        // Late with its heartbeat, as a slow batch or a pause leaves it, while this instance still runs it.
        await connection.ExecuteAsync("""
            INSERT INTO backtest_jobs (id, rule_set, version, range_from, range_to, max_rows, state, attempts, owner, heartbeat_at, requested_by, created_at)
            VALUES (@Id, 'pre-transaction', 1, now() - interval '1 day', now(), 1000, 'running', 1, 'this-host/1/x', now() - interval '1 hour', 'test', now())
            """, new { Id = id });

        (await store.ClaimStaleJobAsync("this-host/1/x", TimeSpan.FromSeconds(2), [id], CancellationToken.None)).Should().BeNull();
        var claimed = await store.ClaimStaleJobAsync("other-host/2/y", TimeSpan.FromSeconds(2), [], CancellationToken.None);
        claimed!.Id.Should().Be(id, "another instance takes it over");
        claimed.Attempts.Should().Be(2);
    }
}
