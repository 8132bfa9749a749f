using System.Text.Json;
using System.Text.Json.Nodes;
using Compliance.Rules;

namespace Compliance.Api.RuleSets;

/// <summary><c>rules eval</c>: run one workflow on inputs from JSON files and print the result tree.</summary>
internal static class RuleEvaluation
{
    private static readonly JsonSerializerOptions Print = new() { WriteIndented = true };

    public static async Task<int> RunAsync(string file, string? workflowName, string[] inputs, TextWriter output, CancellationToken cancellationToken)
    {
        if (!WorkflowJson.TryParse(await File.ReadAllTextAsync(file, cancellationToken), out var workflows, out var error))
        {
            throw new RuleCommandException($"{file}: {error}");
        }

        var workflow = workflowName is null
            ? (workflows.Length == 1 ? workflows[0] : throw new RuleCommandException($"{file} holds {workflows.Length} workflows; name one with --workflow"))
            : workflows.FirstOrDefault(w => w.WorkflowName == workflowName) ?? throw new RuleCommandException($"no workflow `{workflowName}` in {file}");

        var shape = RuleSetKind.Find(workflow.WorkflowName)?.Shape;
        var parameters = new List<RuleParameter>();
        foreach (var input in inputs)
        {
            var split = input.IndexOf('=', StringComparison.Ordinal);
            if (split <= 0)
            {
                throw new RuleCommandException($"--input takes name=file.json, got '{input}'");
            }

            var name = input[..split];
            var json = await File.ReadAllTextAsync(input[(split + 1)..], cancellationToken);
            parameters.Add(new RuleParameter(name, RuleInputReader.Read(name, json, shape)));
        }

        var engine = new RulesEngine(workflows);
        var results = await engine.ExecuteAllRulesAsync(workflow.WorkflowName, [.. parameters], cancellationToken);
        var tree = new JsonObject
        {
            ["workflow"] = workflow.WorkflowName,
            ["results"] = new JsonArray([.. results.Select(ToJson)]),
        };
        await output.WriteLineAsync(tree.ToJsonString(Print));
        return 0;
    }

    private static JsonNode ToJson(RuleResultTree result)
    {
        var node = new JsonObject
        {
            ["rule"] = result.Rule.RuleName,
            ["isSuccess"] = result.IsSuccess,
            ["exceptionMessage"] = result.ExceptionMessage,
        };
        if (result.ActionResult is { } action)
        {
            node["output"] = JsonSerializer.SerializeToNode(action.Output);
            if (action.Exception is not null)
            {
                node["actionException"] = action.Exception.Message;
            }
        }

        if (result.ChildResults is { } children)
        {
            node["childResults"] = new JsonArray([.. children.Select(ToJson)]);
        }

        return node;
    }
}
