using System.Text.Json;
using System.Text.Json.Nodes;
using Compliance.Rules.Compat.Tests.Oracle;

namespace Compliance.Rules.Compat.Tests.Corpus;

/// <summary>Builds cases: batches of one-expression rules over the data sets, and whole workflows.</summary>
public static class Cases
{
    private const int BatchSize = 40;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>Each expression a top-level rule (r0, r1, ...), in batches, on both data sets.</summary>
    public static IEnumerable<CompatCase> Expressions(string category, IEnumerable<string> expressions, CompatSettings? settings = null, int batchSize = BatchSize)
    {
        var all = expressions.Distinct(StringComparer.Ordinal).ToList();
        for (var batch = 0; batch * batchSize < all.Count; batch++)
        {
            var slice = all.Skip(batch * batchSize).Take(batchSize).ToList();
            var rules = new JsonArray([.. slice.Select((e, i) => (JsonNode)new JsonObject { ["RuleName"] = $"r{i}", ["Expression"] = e })]);
            var workflow = new JsonObject { ["WorkflowName"] = "w", ["Rules"] = rules }.ToJsonString(Json);
            var names = slice.Select((e, i) => (Name: $"r{i}", Expression: e)).ToDictionary(r => r.Name, r => r.Expression);
            foreach (var data in Datasets.All)
            {
                yield return new CompatCase($"{category}/{batch}/{data.Name}", category, [workflow], "w", Inputs(data), settings ?? CompatSettings.Default, names);
            }
        }
    }

    /// <summary>A whole workflow (a JSON object), executed on both data sets.</summary>
    public static IEnumerable<CompatCase> Workflow(string category, string id, JsonObject workflow, CompatSettings? settings = null, params JsonObject[] others)
    {
        var text = workflow.ToJsonString(Json);
        var expressions = Leaves(workflow["Rules"]?.AsArray() ?? []).ToDictionary(r => r.Name, r => r.Expression);
        foreach (var data in Datasets.All)
        {
            yield return new CompatCase($"{category}/{id}/{data.Name}", category, [text, .. others.Select(o => o.ToJsonString(Json))],
                workflow["WorkflowName"]!.GetValue<string>(), Inputs(data), settings ?? CompatSettings.Default, expressions);
        }
    }

    public static IReadOnlyList<CaseInput> Inputs(Dataset data) =>
        [new CaseInput("input1", data.OrderJson, () => data.Order()), new CaseInput("input2", data.LimitsJson, () => data.Limits())];

    public static JsonObject Rule(string name, string expression, string? errorMessage = null)
    {
        var rule = new JsonObject { ["RuleName"] = name, ["Expression"] = expression };
        if (errorMessage is not null)
        {
            rule["ErrorMessage"] = errorMessage;
        }

        return rule;
    }

    public static JsonArray ScopedParams(params (string Name, string Expression)[] parameters) =>
        new([.. parameters.Select(p => (JsonNode)new JsonObject { ["Name"] = p.Name, ["Expression"] = p.Expression })]);

    // Top-level rules by name with the expression of the rule itself (nested rules: their children joined),
    // followed by its actions' output expressions ("rule => output").
    private static IEnumerable<(string Name, string Expression)> Leaves(JsonArray rules) =>
        rules.Select(r => r!.AsObject()).Select(r => (r["RuleName"]!.GetValue<string>(),
            (r["Expression"]?.GetValue<string>() ?? string.Join(" | ", Leaves(r["Rules"]?.AsArray() ?? []).Select(c => c.Expression)))
            + string.Concat((r["Actions"]?.AsObject() ?? []).Select(a => a.Value?["Context"]?["Expression"]?.GetValue<string>() is { } output ? " => " + output : ""))));
}
