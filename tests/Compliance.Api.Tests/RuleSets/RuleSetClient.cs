using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Compliance.Api.Tests.Infrastructure;

namespace Compliance.Api.Tests.RuleSets;

/// <summary>Officers for rule set tests: an author (edit and approve, to prove four eyes) and a second approver.</summary>
internal sealed class RuleSetClient(HttpClient author, HttpClient approver) : IDisposable
{
    public const string Base = "/v1/rulesets/pre-transaction";

    public HttpClient Author => author;

    public HttpClient Approver => approver;

    public static async Task<RuleSetClient> CreateAsync(ApiFactory factory) =>
        new(await factory.CreateClientWithRolesAsync("rules:edit", "rules:approve"), await factory.CreateClientWithRolesAsync("rules:edit", "rules:approve"));

    /// <summary>The published version's content: the workflow as a JSON object, settings and tests as JSON.</summary>
    public async Task<(JsonObject Workflow, JsonObject Settings, JsonNode Tests, int Version, string Hash)> PublishedAsync()
    {
        var ruleSet = await author.GetFromJsonAsync<JsonElement>(Base);
        var published = ruleSet.GetProperty("published");
        return (JsonNode.Parse(published.GetProperty("workflow").GetString()!)!.AsObject(),
            JsonNode.Parse(published.GetProperty("settings").GetString()!)!.AsObject(),
            JsonNode.Parse(published.GetProperty("tests").GetString()!)!,
            published.GetProperty("version").GetInt32(), published.GetProperty("contentHash").GetString()!);
    }

    public static JsonObject Rule(JsonObject workflow, string name) =>
        workflow["Rules"]!.AsArray().Select(r => r!.AsObject()).Single(r => r["RuleName"]!.GetValue<string>() == name);

    public Task<HttpResponseMessage> CreateDraftAsync(JsonNode workflow, JsonNode settings, JsonNode? tests, int? basedOn = null) =>
        author.PostAsJsonAsync($"{Base}/versions", new { workflow, settings, tests, basedOn });

    public async Task<int> CreateDraftVersionAsync(JsonNode workflow, JsonNode settings, JsonNode? tests)
    {
        var response = await CreateDraftAsync(workflow, settings, tests);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32();
    }

    public static Task<HttpResponseMessage> ActAsync(HttpClient client, int version, string action) =>
        client.PostAsync($"{Base}/versions/{version}/{action}", null);

    /// <summary>Draft, submit by the author, approve by the second officer: an approved version.</summary>
    public async Task<int> ApprovedVersionAsync(JsonNode workflow, JsonNode settings, JsonNode tests)
    {
        var version = await CreateDraftVersionAsync(workflow, settings, tests);
        (await ActAsync(author, version, "submit")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await ActAsync(approver, version, "approve")).StatusCode.Should().Be(HttpStatusCode.OK);
        return version;
    }

    public async Task<string> StatusAsync(int version) =>
        (await author.GetFromJsonAsync<JsonElement>($"{Base}/versions/{version}")).GetProperty("status").GetString()!;

    public void Dispose()
    {
        author.Dispose();
        approver.Dispose();
    }
}
