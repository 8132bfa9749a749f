using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Compliance.Api.Tests.Checks;
using Compliance.Api.Tests.Infrastructure;
using Dapper;
using Npgsql;

namespace Compliance.Api.Tests.RuleSets;

/// <summary>Issue 6's acceptance: a rule change from a broken draft to live traffic and back, over HTTP only.</summary>
[Collection(RuleSetCollection.Name)]
public sealed class RuleSetLifecycleTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Lifecycle_DraftTestBacktestApprovePublishRollback_ChangesLiveDecisions()
    {
        using var checks = await CheckClient.CreateAsync(factory);
        using var officers = await RuleSetClient.CreateAsync(factory);
        var from = TimeProvider.System.GetUtcNow().AddMinutes(-1);

        // Seeded history under version 1: a payment to a high-risk country scores 40, under the threshold of 50.
        var customer = await checks.CustomerAsync();
        for (var i = 0; i < 3; i++)
        {
            (await checks.DecideAsync(CheckClient.Body($"life-home-{i}", customer, 100m + i))).GetProperty("decision").GetString().Should().Be("allow");
            var risky = await checks.DecideAsync(CheckClient.Body($"life-ng-{i}", customer, 500m + i, counterpartyCountry: "NG", account: $"NG-{i}"));
            risky.GetProperty("decision").GetString().Should().Be("allow");
            CheckClient.ReasonCodes(risky).Should().Equal("HIGH_RISK_COUNTRY");
        }

        var to = TimeProvider.System.GetUtcNow().AddMinutes(1);
        var (workflow, settings, tests, published, v1Hash) = await officers.PublishedAsync();
        published.Should().Be(1);

        // A draft with a syntax error in one rule: 400 naming the rule and the position in its expression.
        var broken = workflow.DeepClone().AsObject();
        RuleSetClient.Rule(broken, "HighRiskCountry")["Expression"] = "highRiskCountries.Contains(counterparty.Country";
        var invalid = await officers.CreateDraftAsync(broken, settings, tests);
        invalid.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await invalid.Content.ReadFromJsonAsync<JsonElement>();
        var diagnostic = problem.GetProperty("diagnostics").EnumerateArray().Single();
        diagnostic.GetProperty("rulePath").GetString().Should().Be("HighRiskCountry");
        diagnostic.GetProperty("line").GetInt32().Should().Be(1);
        diagnostic.GetProperty("column").GetInt32().Should().BeGreaterThan(1);
        problem.GetProperty("errors").GetProperty("workflow")[0].GetString().Should().Contain("rule HighRiskCountry 1:");

        // Fixed: the same draft with a lower score threshold, so a high-risk country alone means review.
        var stricter = settings.DeepClone().AsObject();
        stricter["scoreThreshold"] = 40;
        var draft = await officers.CreateDraftVersionAsync(workflow, stricter, tests);
        draft.Should().Be(2);

        // Its own test cases pass; a dry run on sample facts shows the new decision.
        var report = await (await officers.Author.PostAsync($"{RuleSetClient.Base}/versions/{draft}/test", null)).Content.ReadFromJsonAsync<JsonElement>();
        report.GetProperty("passed").GetBoolean().Should().BeTrue(report.GetRawText());
        var dryRun = await officers.Author.PostAsJsonAsync($"{RuleSetClient.Base}/versions/{draft}/test", new
        {
            samples = new[]
            {
                new
                {
                    name = "payee in Nigeria",
                    transaction = new { amount = 500, amountBase = 500, currency = "EUR", type = "transfer", channel = "online" },
                    customer = new { known = true, kycStatus = "approved", country = "DE", relationshipDays = 400, riskRating = "low" },
                    counterparty = new { country = "NG", screeningStatus = "clear" },
                },
            },
        });
        dryRun.StatusCode.Should().Be(HttpStatusCode.OK);
        var sample = (await dryRun.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results")[0];
        sample.GetProperty("decision").GetString().Should().Be("review");
        sample.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("rule").GetString() == "HighRiskCountry")
            .GetProperty("result").GetString().Should().Be("hit");
        (await checks.DecisionCountAsync()).Should().Be(6, "a dry run stores nothing");

        // The backtest on the seeded history: the three high-risk payments flip from allow to review.
        var backtest = await officers.Author.PostAsJsonAsync($"{RuleSetClient.Base}/versions/{draft}/backtest", new { from, to });
        backtest.StatusCode.Should().Be(HttpStatusCode.OK, await backtest.Content.ReadAsStringAsync());
        var result = (await backtest.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("result");
        result.GetProperty("replayed").GetInt32().Should().Be(6);
        result.GetProperty("flipped").GetInt32().Should().Be(3);
        result.GetProperty("flips").GetProperty("allow->review").GetInt32().Should().Be(3);
        result.GetProperty("examples").EnumerateArray().Select(e => e.GetProperty("transactionId").GetString())
            .Should().BeEquivalentTo(["life-ng-0", "life-ng-1", "life-ng-2"]);
        result.GetProperty("baseline").GetProperty("allow").GetInt32().Should().Be(6);
        result.GetProperty("candidate").GetProperty("review").GetInt32().Should().Be(3);
        result.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("rule").GetString() == "HighRiskCountry")
            .GetProperty("candidate").GetInt32().Should().Be(3);
        result.GetProperty("recordedMismatches").GetInt32().Should().Be(0);

        // The diff names the change.
        var diff = await officers.Author.GetFromJsonAsync<JsonElement>($"{RuleSetClient.Base}/diff?from=1&to={draft}");
        diff.GetProperty("rules").GetArrayLength().Should().Be(0);
        diff.GetProperty("settings")[0].GetProperty("field").GetString().Should().Be("scoreThreshold");

        // Submitted versions are immutable; the author cannot approve their own change; a second officer can.
        (await RuleSetClient.ActAsync(officers.Author, draft, "submit")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await officers.Author.PutAsJsonAsync($"{RuleSetClient.Base}/versions/{draft}", new { workflow, settings, tests })).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await RuleSetClient.ActAsync(officers.Author, draft, "approve")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await officers.StatusAsync(draft)).Should().Be("submitted");
        (await RuleSetClient.ActAsync(officers.Approver, draft, "approve")).StatusCode.Should().Be(HttpStatusCode.OK);

        // Publish: the very next check uses the new version, without a restart.
        (await RuleSetClient.ActAsync(officers.Author, draft, "publish")).StatusCode.Should().Be(HttpStatusCode.OK);
        var live = await checks.DecideAsync(CheckClient.Body("life-after", await checks.CustomerAsync(), 500m, counterpartyCountry: "NG", account: "NG-after"));
        live.GetProperty("ruleSet").GetProperty("version").GetInt32().Should().Be(draft);
        live.GetProperty("decision").GetString().Should().Be("review");
        (await officers.StatusAsync(1)).Should().Be("retired");

        // Rollback to version 1: a new version with version 1's content, approved like any change.
        var rollback = await officers.Author.PostAsJsonAsync($"{RuleSetClient.Base}/rollback", new { toVersion = 1 });
        rollback.StatusCode.Should().Be(HttpStatusCode.Created, await rollback.Content.ReadAsStringAsync());
        var restored = await rollback.Content.ReadFromJsonAsync<JsonElement>();
        var restoredVersion = restored.GetProperty("version").GetInt32();
        restored.GetProperty("status").GetString().Should().Be("submitted");
        restored.GetProperty("contentHash").GetString().Should().Be(v1Hash);
        (await RuleSetClient.ActAsync(officers.Author, restoredVersion, "approve")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await RuleSetClient.ActAsync(officers.Approver, restoredVersion, "approve")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await RuleSetClient.ActAsync(officers.Approver, restoredVersion, "publish")).StatusCode.Should().Be(HttpStatusCode.OK);
        var back = await checks.DecideAsync(CheckClient.Body("life-back", await checks.CustomerAsync(), 500m, counterpartyCountry: "NG", account: "NG-back"));
        back.GetProperty("ruleSet").GetProperty("version").GetInt32().Should().Be(restoredVersion);
        back.GetProperty("decision").GetString().Should().Be("allow");

        // Every change is an audit event naming the version and its hash.
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        var actions = (await connection.QueryAsync<string>(
            "SELECT action || ' ' || detail FROM audit_log WHERE subject_type = 'rule_set' AND subject = 'pre-transaction' ORDER BY id")).ToList();
        actions.Should().Contain(a => a.StartsWith("ruleset.version.created version=2", StringComparison.Ordinal));
        actions.Should().Contain(a => a.StartsWith("ruleset.version.approve_refused version=2", StringComparison.Ordinal));
        actions.Should().Contain(a => a.StartsWith("ruleset.version.approved version=2", StringComparison.Ordinal));
        actions.Should().Contain(a => a.StartsWith($"ruleset.version.published version={restoredVersion}", StringComparison.Ordinal) && a.Contains(v1Hash, StringComparison.Ordinal));
    }
}
