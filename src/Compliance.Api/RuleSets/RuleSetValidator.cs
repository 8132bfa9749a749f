using System.Text.Json;
using Compliance.Rules;

namespace Compliance.Api.RuleSets;

/// <summary>
/// Validates a version's content before it is saved: every problem at once (JSON, structure,
/// expressions bound against the typed inputs of the rule set's kind, rule properties, settings, test file syntax),
/// never executing a rule.
/// </summary>
internal static class RuleSetValidator
{
    public static IReadOnlyList<RuleSetDiagnostic> Validate(string name, RuleSetContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var diagnostics = new List<RuleSetDiagnostic>();
        ValidateWorkflow(name, content.Workflow, diagnostics);
        RuleSetSettings? settings = null;
        try
        {
            settings = RuleSetStore.ParseSettings(content.Settings);
        }
        catch (JsonException e)
        {
            diagnostics.Add(new RuleSetDiagnostic("settings", null, null, e.Path, (int?)e.LineNumber + 1, (int?)e.BytePositionInLine + 1, e.Message));
        }

        if (content.Tests is { } tests)
        {
            try
            {
                using var _ = JsonDocument.Parse(tests);
            }
            catch (JsonException e)
            {
                diagnostics.Add(new RuleSetDiagnostic("tests", null, null, e.Path, (int?)e.LineNumber + 1, (int?)e.BytePositionInLine + 1, e.Message));
            }
        }

        // The last word: the exact compilation that serves checks must succeed too.
        if (diagnostics.Count == 0 && PublishedRuleSet.TryCreate(name, 0, "", content.Workflow, settings ?? new RuleSetSettings(), out var problems) is null)
        {
            diagnostics.AddRange(problems.Select(p => new RuleSetDiagnostic("workflow", null, null, null, null, null, p)));
        }

        return diagnostics;
    }

    private static void ValidateWorkflow(string name, string workflowJson, List<RuleSetDiagnostic> diagnostics)
    {
        if (!WorkflowJson.TryParse(workflowJson, out var workflows, out var error))
        {
            diagnostics.Add(new RuleSetDiagnostic("workflow", null, null, error.Path, error.Line, error.Column, error.Message));
            return;
        }

        var workflow = workflows.FirstOrDefault(w => w.WorkflowName == name);
        if (workflows.Length != 1 || workflow is null)
        {
            diagnostics.Add(new RuleSetDiagnostic("workflow", null, "WorkflowName", "$.WorkflowName", null, null,
                $"the workflow must be one workflow named {name}"));
            return;
        }

        var kind = RuleSetKind.Find(name);
        if (kind is null)
        {
            diagnostics.Add(new RuleSetDiagnostic("workflow", null, "WorkflowName", "$.WorkflowName", null, null, $"there is no rule set {name}"));
            return;
        }

        var engine = new RulesEngine(new ReSettings());
        diagnostics.AddRange(engine.Validate(workflow, kind.Shape)
            .Select(p => new RuleSetDiagnostic("workflow", p.RulePath, p.Field, null, p.Line, p.Column, p.Message)));
        foreach (var rule in (workflow.Rules ?? []).Where(r => r.Enabled))
        {
            var problems = new List<string>();
            RuleMeta.From(rule, kind, problems);
            diagnostics.AddRange(problems.Select(p => new RuleSetDiagnostic("workflow", rule.RuleName, "Properties", null, null, null, p)));
        }
    }
}
