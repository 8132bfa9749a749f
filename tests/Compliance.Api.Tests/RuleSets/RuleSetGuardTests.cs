using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Compliance.Api.Tests.Infrastructure;
using Dapper;
using Npgsql;

namespace Compliance.Api.Tests.RuleSets;

/// <summary>What keeps a bad change out of live traffic: validation, tests, approval, one published version.</summary>
[Collection(RuleSetCollection.Name)]
public sealed class RuleSetGuardTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Submit_FailingTestCases_Is400AndStaysDraft()
    {
        using var officers = await RuleSetClient.CreateAsync(factory);
        var (workflow, settings, tests, _, _) = await officers.PublishedAsync();
        RuleSetClient.Rule(workflow, "LargeAmount")["Expression"] = "amount >= 5000 AND amount < 100000";
        var version = await officers.CreateDraftVersionAsync(workflow, settings, tests);

        var response = await RuleSetClient.ActAsync(officers.Author, version, "submit");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").GetProperty("tests").EnumerateArray().Select(e => e.GetString())
            .Should().Contain(e => e!.StartsWith("9999.99 is not large: LargeAmount:", StringComparison.Ordinal));
        problem.GetProperty("testReport").GetProperty("passed").GetBoolean().Should().BeFalse();
        (await officers.StatusAsync(version)).Should().Be("draft");
    }

    [Fact]
    public async Task Submit_NoTestCases_Is400()
    {
        using var officers = await RuleSetClient.CreateAsync(factory);
        var (workflow, settings, _, _, _) = await officers.PublishedAsync();
        var version = await officers.CreateDraftVersionAsync(workflow, settings, null);

        (await RuleSetClient.ActAsync(officers.Author, version, "submit")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Publish_UnapprovedVersion_Is409()
    {
        using var officers = await RuleSetClient.CreateAsync(factory);
        var (workflow, settings, tests, published, _) = await officers.PublishedAsync();
        var version = await officers.CreateDraftVersionAsync(workflow, settings, tests);

        (await RuleSetClient.ActAsync(officers.Approver, version, "publish")).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await RuleSetClient.ActAsync(officers.Author, version, "submit")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await RuleSetClient.ActAsync(officers.Approver, version, "publish")).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await RuleSetClient.ActAsync(officers.Approver, version, "reject")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await RuleSetClient.ActAsync(officers.Approver, version, "publish")).StatusCode.Should().Be(HttpStatusCode.Conflict);

        (await officers.StatusAsync(version)).Should().Be("rejected");
        (await officers.PublishedAsync()).Version.Should().Be(published);
    }

    [Fact]
    public async Task Publish_ConcurrentAttempts_LeaveExactlyOnePublished()
    {
        using var officers = await RuleSetClient.CreateAsync(factory);
        var (workflow, settings, tests, _, _) = await officers.PublishedAsync();
        var versions = new List<int>();
        foreach (var threshold in new[] { 41, 42, 43 })
        {
            var changed = settings.DeepClone().AsObject();
            changed["scoreThreshold"] = threshold;
            versions.Add(await officers.ApprovedVersionAsync(workflow, changed, tests));
        }

        var attempts = Enumerable.Range(0, 12).Select(i => RuleSetClient.ActAsync(i % 2 == 0 ? officers.Author : officers.Approver, versions[i % 3], "publish"));
        var responses = await Task.WhenAll(attempts);

        responses.Select(r => r.StatusCode).Should().OnlyContain(s => s == HttpStatusCode.OK || s == HttpStatusCode.Conflict);
        responses.Count(r => r.StatusCode == HttpStatusCode.OK).Should().Be(3, "each approved version publishes once");
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM rule_set_versions WHERE rule_set = 'pre-transaction' AND status = 'published'"))
            .Should().Be(1);
        (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM rule_set_versions WHERE rule_set = 'pre-transaction' AND status = 'retired'"))
            .Should().BeGreaterThanOrEqualTo(3);
    }

    [Fact]
    public async Task Create_InvalidJson_Is400WithLineAndColumn()
    {
        using var officers = await RuleSetClient.CreateAsync(factory);

        var response = await officers.Author.PostAsJsonAsync($"{RuleSetClient.Base}/versions",
            new { workflow = "{\n  \"WorkflowName\": \"pre-transaction\",\n  \"Rules\": [ { \"RuleName\": \"X\" ,, } ]\n}", settings = new { scoreThreshold = 50 } });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var diagnostic = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("diagnostics")[0];
        diagnostic.GetProperty("field").GetString().Should().Be("workflow");
        diagnostic.GetProperty("line").GetInt32().Should().Be(3);
    }

    [Fact]
    public async Task Create_UnknownMemberAndBadProperties_ReportsEveryProblem()
    {
        using var officers = await RuleSetClient.CreateAsync(factory);
        var (workflow, settings, tests, _, _) = await officers.PublishedAsync();
        RuleSetClient.Rule(workflow, "LargeAmount")["Expression"] = "transaction.AmountBsae >= 10000";
        RuleSetClient.Rule(workflow, "RoundAmount")["Properties"]!["outcome"] = "maybe";

        var response = await officers.CreateDraftAsync(workflow, settings, tests);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var rules = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("diagnostics").EnumerateArray()
            .Select(d => d.GetProperty("rulePath").GetString()).ToList();
        rules.Should().Contain(["LargeAmount", "RoundAmount"]);
    }

    [Fact]
    public async Task Update_DraftByAnotherOfficer_Is403AndByItsAuthorSucceeds()
    {
        using var officers = await RuleSetClient.CreateAsync(factory);
        var (workflow, settings, tests, _, _) = await officers.PublishedAsync();
        var version = await officers.CreateDraftVersionAsync(workflow, settings, tests);
        var changed = settings.DeepClone().AsObject();
        changed["scoreThreshold"] = 60;

        (await officers.Approver.PutAsJsonAsync($"{RuleSetClient.Base}/versions/{version}", new { workflow, settings = changed, tests }))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var updated = await officers.Author.PutAsJsonAsync($"{RuleSetClient.Base}/versions/{version}", new { workflow, settings = changed, tests });

        updated.StatusCode.Should().Be(HttpStatusCode.OK);
        var stored = await officers.Author.GetFromJsonAsync<JsonElement>($"{RuleSetClient.Base}/versions/{version}");
        JsonNode.Parse(stored.GetProperty("settings").GetString()!)!["scoreThreshold"]!.GetValue<int>().Should().Be(60);
    }

    [Fact]
    public async Task Endpoints_WithoutRulesRoles_Are403()
    {
        using var checker = await factory.CreateClientWithRolesAsync("checks:write");

        (await checker.GetAsync("/v1/rulesets")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await checker.PostAsJsonAsync($"{RuleSetClient.Base}/versions", new { workflow = "{}" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task List_ShowsEachRuleSetWithItsPublishedVersion()
    {
        using var officers = await RuleSetClient.CreateAsync(factory);

        var list = await officers.Author.GetFromJsonAsync<JsonElement>("/v1/rulesets");

        list.EnumerateArray().Select(r => r.GetProperty("name").GetString()).Should().Equal("disputes", "pre-transaction");
        list.EnumerateArray().Should().OnlyContain(r => r.GetProperty("publishedVersion").GetInt32() >= 1);
    }
}
