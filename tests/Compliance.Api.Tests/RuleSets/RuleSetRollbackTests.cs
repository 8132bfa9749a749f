using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Compliance.Api.Tests.Checks;
using Compliance.Api.Tests.Infrastructure;
using Dapper;
using Npgsql;

namespace Compliance.Api.Tests.RuleSets;

/// <summary>An admin's emergency rollback skips the second officer, and says so in the audit log.</summary>
[Collection(RuleSetCollection.Name)]
public sealed class RuleSetRollbackTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Rollback_AdminEmergency_PublishesAtOnceAndIsRecordedAsSuch()
    {
        using var officers = await RuleSetClient.CreateAsync(factory);
        var (workflow, settings, tests, _, _) = await officers.PublishedAsync();
        var changed = settings.DeepClone().AsObject();
        changed["scoreThreshold"] = 45;
        var version = await officers.ApprovedVersionAsync(workflow, changed, tests);
        (await RuleSetClient.ActAsync(officers.Approver, version, "publish")).StatusCode.Should().Be(HttpStatusCode.OK);
        var earlier = (await officers.Author.GetFromJsonAsync<JsonElement>($"{RuleSetClient.Base}/versions")).EnumerateArray()
            .First(v => v.GetProperty("status").GetString() == "retired").GetProperty("version").GetInt32();

        (await officers.Author.PostAsJsonAsync($"{RuleSetClient.Base}/rollback", new { toVersion = earlier, emergency = true }))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden, "only an admin skips approval");
        using var admin = factory.CreateAdminClient();
        var rollback = await admin.PostAsJsonAsync($"{RuleSetClient.Base}/rollback", new { toVersion = earlier, emergency = true });

        rollback.StatusCode.Should().Be(HttpStatusCode.Created);
        var restored = await rollback.Content.ReadFromJsonAsync<JsonElement>();
        restored.GetProperty("status").GetString().Should().Be("published");
        restored.GetProperty("note").GetString().Should().Be($"emergency rollback to {earlier}");
        using var checks = await CheckClient.CreateAsync(factory);
        var decision = await checks.DecideAsync(CheckClient.Body("after-emergency", await checks.CustomerAsync(), 100m));
        decision.GetProperty("ruleSet").GetProperty("version").GetInt32().Should().Be(restored.GetProperty("version").GetInt32());
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'ruleset.rollback.emergency'")).Should().Be(1);
    }
}
