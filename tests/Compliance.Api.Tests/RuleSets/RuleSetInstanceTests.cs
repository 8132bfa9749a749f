using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Compliance.Api.Tests.Checks;
using Compliance.Api.Tests.Infrastructure;
using Dapper;
using Npgsql;
using Xunit;

namespace Compliance.Api.Tests.RuleSets;

/// <summary>Two service instances on one database: a publish on one reaches the other through LISTEN/NOTIFY.</summary>
[Collection(RuleSetCollection.Name)]
public sealed class RuleSetInstanceTests
{
    [Fact]
    public async Task Publish_OnOneInstance_ChangesDecisionsOnTheOtherWithinASecond()
    {
        var (first, second) = await StartTwoAsync();
        try
        {
            using var checksOnSecond = new CheckClient(second, await second.CreateClientWithRolesAsync("checks:write"));
            var before = await checksOnSecond.DecideAsync(CheckClient.Body("two-before", await checksOnSecond.CustomerAsync(), 500m, counterpartyCountry: "NG", account: "NG-two"));
            before.GetProperty("decision").GetString().Should().Be("allow");

            var published = await PublishStricterAsync(first);

            var after = await DecideUntilVersionAsync(checksOnSecond, published, "two-after");
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
        var (first, second) = await StartTwoAsync();
        try
        {
            using var checksOnSecond = new CheckClient(second, await second.CreateClientWithRolesAsync("checks:write"));
            await using var connection = new NpgsqlConnection(first.ConnectionString);
            const string Listeners = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN rule_sets'";
            (await connection.ExecuteScalarAsync<long>(Listeners)).Should().Be(2, "each instance listens on one connection");

            // Cut the listening connections, as a database failover or a network blip would.
            await connection.ExecuteAsync("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN rule_sets'");
            var deadline = TimeProvider.System.GetUtcNow().AddSeconds(10);
            while (await connection.ExecuteScalarAsync<long>(Listeners) != 2 || !second.Logs.All.Contains("Lost the connection listening on channel rule_sets", StringComparison.Ordinal))
            {
                TimeProvider.System.GetUtcNow().Should().BeBefore(deadline, "the loaders reconnect after a second");
                await Task.Delay(100);
            }

            var published = await PublishStricterAsync(first);

            var after = await DecideUntilVersionAsync(checksOnSecond, published, "reconnected");
            after.GetProperty("decision").GetString().Should().Be("review");
        }
        finally
        {
            await ((IAsyncLifetime)second).DisposeAsync();
            await ((IAsyncLifetime)first).DisposeAsync();
        }
    }

    /// <summary>Two hosts on one database and one key ring; the second polls only every ten minutes, so only a notification reaches it quickly.</summary>
    private static async Task<(ApiFactory First, ApiFactory Second)> StartTwoAsync()
    {
        var first = new ApiFactory();
        await first.InitializeAsync();
        var second = new ApiFactory();
        second.Set("ConnectionStrings:Postgres", first.ConnectionString);
        second.Set("Vault:KeyDirectory", first.KeyDirectory);
        second.Set("RuleSets:RefreshMilliseconds", "600000");
        await second.InitializeAsync();
        using (first.CreateClient())
        using (second.CreateClient())
        {
            // Both hosts started.
        }

        return (first, second);
    }

    /// <summary>Publishes, through the first host, a version whose lower threshold turns a high-risk-country payment into a review.</summary>
    private static async Task<(int Version, DateTimeOffset PublishedAt)> PublishStricterAsync(ApiFactory factory)
    {
        using var officers = await RuleSetClient.CreateAsync(factory);
        var (workflow, settings, tests, _, _) = await officers.PublishedAsync();
        var stricter = settings.DeepClone().AsObject();
        stricter["scoreThreshold"] = 40;
        var version = await officers.ApprovedVersionAsync(workflow, stricter, tests);
        var response = await RuleSetClient.ActAsync(officers.Approver, version, "publish");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return (version, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("publishedAt").GetDateTimeOffset());
    }

    /// <summary>
    /// Checks a 500 EUR payment to Nigeria until the given version decides it. A check sent more than
    /// a second after the publish must get the new version: measured from when each check was sent,
    /// so a slow machine delays the answers but cannot fake a slow reload.
    /// Each attempt is a fresh customer, so the attempts never add up to a velocity rule.
    /// </summary>
    private static async Task<JsonElement> DecideUntilVersionAsync(CheckClient checks, (int Version, DateTimeOffset PublishedAt) published, string prefix)
    {
        for (var i = 0; ; i++)
        {
            var customer = await checks.CustomerAsync();
            var sent = TimeProvider.System.GetUtcNow();
            var decision = await checks.DecideAsync(CheckClient.Body($"{prefix}-{i}", customer, 500m, counterpartyCountry: "NG", account: $"{prefix}-{i}"));
            if (decision.GetProperty("ruleSet").GetProperty("version").GetInt32() == published.Version)
            {
                return decision;
            }

            sent.Should().BeBefore(published.PublishedAt.AddSeconds(1), $"version {published.Version} should serve checks within a second of publishing");
            await Task.Delay(20);
        }
    }
}
