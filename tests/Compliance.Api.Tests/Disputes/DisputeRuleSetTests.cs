using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Compliance.Api.RuleSets;
using Compliance.Api.Tests.Checks;
using Compliance.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Compliance.Api.Tests.Disputes;

/// <summary>The dispute rule set is edited like the pre-transaction one: validated against its own inputs, tested, four eyes, published live.</summary>
public sealed class DisputeRuleSetTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Base = "/v1/rulesets/disputes";

    [Fact]
    public async Task RaisingTheAutoAcceptLimit_GoesThroughFourEyes_AndTheNextDisputeFollowsIt()
    {
        using var author = await factory.CreateClientWithRolesAsync("rules:edit", "rules:approve");
        using var approver = await factory.CreateClientWithRolesAsync("rules:approve");
        using var checks = await CheckClient.CreateAsync(factory);
        var customer = await checks.CustomerAsync();

        var names = (await author.GetFromJsonAsync<JsonElement>("/v1/rulesets")).EnumerateArray().Select(r => r.GetProperty("name").GetString());
        names.Should().BeEquivalentTo(["pre-transaction", "disputes"]);
        var published = (await author.GetFromJsonAsync<JsonElement>(Base)).GetProperty("published");
        var workflow = JsonNode.Parse(published.GetProperty("workflow").GetString()!)!.AsObject();
        var settings = JsonNode.Parse(published.GetProperty("settings").GetString()!)!;
        var tests = JsonNode.Parse(published.GetProperty("tests").GetString()!)!.AsObject();

        // Before: 80 is over the limit of 50, so the rules ask for evidence.
        await DisputeApiTests.AllowAsync(checks, "drs-before", customer, 80m);
        var before = await (await checks.Http.PostAsJsonAsync("/v1/disputes", DisputeApiTests.Dispute("drs-d-before", "drs-before", "complaint", "not_received")))
            .Content.ReadFromJsonAsync<JsonElement>();
        before.GetProperty("step").GetString().Should().Be("evidence");

        // Dispute rules read dispute, transaction and customer; a pre-transaction outcome or input is an error at its place.
        var wrong = workflow.DeepClone().AsObject();
        Rule(wrong, "HighValue")["Properties"]!["outcome"] = "block";
        Rule(wrong, "RepeatDisputes")["Expression"] = "velocity.Count24h > 3";
        var invalid = await author.PostAsJsonAsync($"{Base}/versions", new { workflow = wrong, settings, tests });
        invalid.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var diagnostics = (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("diagnostics").EnumerateArray().ToList();
        diagnostics.Should().Contain(d => d.GetProperty("rulePath").GetString() == "RepeatDisputes" && d.GetProperty("message").GetString()!.Contains("velocity"));
        diagnostics.Should().Contain(d => d.GetProperty("rulePath").GetString() == "HighValue"
            && d.GetProperty("message").GetString()!.Contains("Properties.outcome must be accept, reject, evidence, review or escalate"));

        // The change, with a test case for it.
        var raised = workflow.DeepClone().AsObject();
        raised["GlobalParams"]!.AsArray().Select(p => p!.AsObject()).Single(p => p["Name"]!.GetValue<string>() == "autoAcceptLimit")["Expression"] =
            "customer.Segment == \"business\" ? 0m : 100m";
        var newCase = tests["cases"]![0]!.DeepClone().AsObject();
        newCase["name"] = "80 is now under the limit";
        newCase["inputs"]!["dispute"]!["amountBase"] = 80;
        newCase["inputs"]!["dispute"]!["amount"] = 80;
        tests["cases"]!.AsArray().Add(newCase);
        var created = await author.PostAsJsonAsync($"{Base}/versions", new { workflow = raised, settings, tests });
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var version = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32();

        var report = await (await author.PostAsync($"{Base}/versions/{version}/test", null)).Content.ReadFromJsonAsync<JsonElement>();
        report.GetProperty("passed").GetBoolean().Should().BeTrue(report.ToString());
        report.GetProperty("cases").GetInt32().Should().Be(11);
        var backtest = await author.PostAsJsonAsync($"{Base}/versions/{version}/backtest", new { from = TimeProvider.System.GetUtcNow().AddDays(-1), to = TimeProvider.System.GetUtcNow() });
        backtest.StatusCode.Should().Be(HttpStatusCode.Conflict, "backtests replay recorded checks");

        (await author.PostAsync($"{Base}/versions/{version}/submit", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await author.PostAsync($"{Base}/versions/{version}/approve", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden, "the author never approves");
        (await approver.PostAsync($"{Base}/versions/{version}/approve", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await author.PostAsync($"{Base}/versions/{version}/publish", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        await WaitForAsync(version);

        // A customer with no dispute before: 80 is now auto-accepted.
        await DisputeApiTests.AllowAsync(checks, "drs-after", await checks.CustomerAsync(), 80m);
        var after = await (await checks.Http.PostAsJsonAsync("/v1/disputes", DisputeApiTests.Dispute("drs-d-after", "drs-after", "complaint", "not_received")))
            .Content.ReadFromJsonAsync<JsonElement>();
        after.GetProperty("ruleSet").GetProperty("version").GetInt32().Should().Be(version);
        after.GetProperty("step").GetString().Should().Be("accept");
        after.GetProperty("state").GetString().Should().Be("accepted");
    }

    private async Task WaitForAsync(int version)
    {
        var catalog = factory.Services.GetRequiredService<RuleSetCatalog>();
        for (var i = 0; i < 100 && catalog.Get("disputes")?.Version != version; i++)
        {
            await Task.Delay(50);
        }

        catalog.Get("disputes")!.Version.Should().Be(version);
    }

    private static JsonObject Rule(JsonObject workflow, string name) =>
        workflow["Rules"]!.AsArray().Select(r => r!.AsObject()).Single(r => r["RuleName"]!.GetValue<string>() == name);
}
