using System.Net;
using System.Text.Json;
using Compliance.Api.Tests.Checks;
using Compliance.Api.Tests.Infrastructure;
using Dapper;
using Npgsql;
using Xunit;

namespace Compliance.Api.Tests.RuleSets;

/// <summary>Two service instances on one database: a publish on one reaches the other through LISTEN/NOTIFY.</summary>
public sealed class RuleSetInstanceTests
{
    [Fact]
    public async Task Publish_OnOneInstance_ChangesDecisionsOnTheOtherWithinASecond()
    {
        var first = new ApiFactory();
        await first.InitializeAsync();
        var second = new ApiFactory();
        second.Set("ConnectionStrings:Postgres", first.ConnectionString);
        second.Set("Vault:KeyDirectory", first.KeyDirectory);
        // The poll is the fallback; with it slowed down, only the notification can deliver within a second.
        second.Set("RuleSets:RefreshMilliseconds", "60000");
        await second.InitializeAsync();
        try
        {
            using var officers = await RuleSetClient.CreateAsync(first);
            using var checksOnFirst = await CheckClient.CreateAsync(first);
            var customer = await checksOnFirst.CustomerAsync();
            using var checksOnSecond = new CheckClient(second, await second.CreateClientWithRolesAsync("checks:write"));
            var before = await checksOnSecond.DecideAsync(CheckClient.Body("two-before", customer, 500m, counterpartyCountry: "NG", account: "NG-two"));
            before.GetProperty("decision").GetString().Should().Be("allow");

            var (workflow, settings, tests, _, _) = await officers.PublishedAsync();
            var stricter = settings.DeepClone().AsObject();
            stricter["scoreThreshold"] = 40;
            var version = await officers.ApprovedVersionAsync(workflow, stricter, tests);
            (await RuleSetClient.ActAsync(officers.Approver, version, "publish")).StatusCode.Should().Be(HttpStatusCode.OK);

            var after = await RuleSetLifecycleTests.DecideUntilVersionAsync(checksOnSecond, version, "two-after");
            after.GetProperty("decision").GetString().Should().Be("review");
            second.Logs.All.Should().Contain("Listening for published rule sets on channel rule_sets");
        }
        finally
        {
            await ((IAsyncLifetime)second).DisposeAsync();
            await ((IAsyncLifetime)first).DisposeAsync();
        }
    }

    [Fact]
    public async Task Listener_ConnectionKilled_ReconnectsAndStillReloadsWithoutThePoll()
    {
        var factory = new ApiFactory();
        factory.Set("RuleSets:RefreshMilliseconds", "600000");
        await factory.InitializeAsync();
        try
        {
            using var officers = await RuleSetClient.CreateAsync(factory);
            using var checks = await CheckClient.CreateAsync(factory);
            await using var connection = new NpgsqlConnection(factory.ConnectionString);
            const string Listeners = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN rule_sets'";
            (await connection.ExecuteScalarAsync<long>(Listeners)).Should().Be(1);

            // Cut the listening connection, as a database failover or a network blip would.
            await connection.ExecuteAsync("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN rule_sets'");
            var deadline = TimeProvider.System.GetUtcNow().AddSeconds(10);
            while (await connection.ExecuteScalarAsync<long>(Listeners) != 1 || !factory.Logs.All.Contains("Lost the rule set notification connection", StringComparison.Ordinal))
            {
                TimeProvider.System.GetUtcNow().Should().BeBefore(deadline, "the loader reconnects after a second");
                await Task.Delay(100);
            }

            var (workflow, settings, tests, _, _) = await officers.PublishedAsync();
            var stricter = settings.DeepClone().AsObject();
            stricter["scoreThreshold"] = 40;
            var version = await officers.ApprovedVersionAsync(workflow, stricter, tests);
            (await RuleSetClient.ActAsync(officers.Approver, version, "publish")).StatusCode.Should().Be(HttpStatusCode.OK);

            var after = await RuleSetLifecycleTests.DecideUntilVersionAsync(checks, version, "reconnected");
            after.GetProperty("decision").GetString().Should().Be("review");
        }
        finally
        {
            await ((IAsyncLifetime)factory).DisposeAsync();
        }
    }
}
