using System.Net;
using System.Text.Json;
using Compliance.Api.Tests.Checks;
using Compliance.Api.Tests.Infrastructure;
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
}
