using System.Text.Json;
using System.Text.Json.Nodes;
using Compliance.Api.RuleSets;
using Compliance.Rules.Compat.Tests.Corpus;
using Compliance.Rules.Compat.Tests.Oracle;
using Xunit.Abstractions;

namespace Compliance.Rules.Compat.Tests;

/// <summary>
/// Every rule set in rules/, with the inputs of its test cases, through both engines: as JSON and as the
/// service's typed facts. Beyond agreeing with each other, both must decide every case as the test
/// file expects.
/// </summary>
public sealed class ShippedRuleSetCompatTests(ITestOutputHelper output)
{
    private static readonly string RulesDirectory = Path.Combine(AppContext.BaseDirectory, "rules");

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static IEnumerable<object[]> RuleSets() =>
        Directory.GetFiles(RulesDirectory, "*.json", SearchOption.AllDirectories)
            .Where(f => File.Exists(Path.ChangeExtension(f, null) + ".tests.json"))
            .Select(f => new object[] { Path.GetRelativePath(RulesDirectory, f) });

    [Fact]
    public void RuleSets_TheShippedOnesAreFound() => RuleSets().Should().NotBeEmpty();

    [Theory]
    [MemberData(nameof(RuleSets))]
    public async Task RuleSet_BothEnginesAgreeAndDecideEveryTestCaseAsExpected(string file)
    {
        var path = Path.Combine(RulesDirectory, file);
        var workflows = Workflows(await File.ReadAllTextAsync(path));
        var tests = JsonNode.Parse(await File.ReadAllTextAsync(Path.ChangeExtension(path, null) + ".tests.json"))!.AsObject();
        var workflowName = tests["workflow"]!.GetValue<string>();
        var cases = tests["cases"]!.AsArray().Select((c, i) => Case(file, workflowName, workflows, c!.AsObject(), i)).ToList();

        var run = await CompatRun.RunAsync("shipped/" + file, cases.Select(c => c.Case));

        output.WriteLine(run.Summary(file));
        run.Unexplained.Should().BeEmpty(run.Report());
        // The test cases describe the typed facts the service passes (derived members such as
        // transaction.HourUtc exist only there): on those, both engines must decide as expected.
        foreach (var (compatCase, expect) in cases)
        {
            var (ours, theirs) = await Engines.RunAsync(compatCase, InputKind.Typed);
            foreach (var (engine, result) in new[] { ("src/Rules", ours), ("RulesEngine", theirs) })
            {
                var outcomes = result.Rules!.ToDictionary(r => r.Name, r => r.IsSuccess);
                foreach (var (rule, expected) in expect)
                {
                    outcomes[rule].Should().Be(expected, $"{engine} decides {rule} in {compatCase.Id} as the test case expects");
                }
            }
        }
    }

    // A rule file holds one workflow or an array of them; each engine takes one workflow object per string.
    private static List<string> Workflows(string text) => JsonNode.Parse(text) is JsonArray array
        ? [.. array.Select(w => w!.ToJsonString())]
        : [text];

    private static (CompatCase Case, Dictionary<string, bool> Expect) Case(string file, string workflowName, List<string> workflows, JsonObject testCase, int index)
    {
        var inputs = testCase["inputs"]!.AsObject()
            .Select(i => new CaseInput(i.Key, i.Value!.ToJsonString(), TypedFactory(workflowName, i.Key, i.Value!.ToJsonString())))
            .ToList();
        var expect = testCase["expect"]?.AsObject().ToDictionary(e => e.Key, e => e.Value!.GetValue<bool>()) ?? [];
        var name = testCase["name"]?.GetValue<string>() ?? index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var expressions = workflows.SelectMany(w => JsonNode.Parse(w)!["Rules"]!.AsArray())
            .ToDictionary(r => r!["RuleName"]!.GetValue<string>(), r => r!["Expression"]?.GetValue<string>() ?? "");
        return (new CompatCase($"shipped/{file}/{name}", "shipped", workflows, workflowName, inputs, CompatSettings.Default, expressions), expect);
    }

    // The fact types of the rule set (checks, disputes), by input name, as the service hands them to the rules.
    private static Func<object?>? TypedFactory(string workflowName, string name, string json) =>
        RuleSetKind.Find(workflowName)?.Shape.FirstOrDefault(p => p.Name == name) is { } parameter
            ? () => JsonSerializer.Deserialize(json, parameter.Type, Web)
            : null;
}
