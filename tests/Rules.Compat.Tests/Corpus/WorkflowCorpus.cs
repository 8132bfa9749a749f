using System.Text.Json.Nodes;
using Compliance.Rules.Compat.Tests.Oracle;
using static Compliance.Rules.Compat.Tests.Corpus.Cases;

namespace Compliance.Rules.Compat.Tests.Corpus;

/// <summary>Whole workflows: scoped params, nested rules, actions and error-message templates.</summary>
public static class WorkflowCorpus
{
    public static IEnumerable<CompatCase> ScopedParams()
    {
        (string Id, (string, string)[] Globals, (string Name, string Expression, (string, string)[] Locals)[] Rules)[] workflows =
        [
            ("global-total", [("total", "input1.Amount * 2")], [("big", "total > 2000", []), ("exact", "total == 2501", []), ("typed", "total.ToString() == \"2501\"", [])]),
            ("global-chain", [("a", "input1.Id + 1"), ("b", "a * 2")], [("b86", "b == 86", []), ("ab", "a < b", [])]),
            ("global-text", [("country", "input1.Country.ToLower()")], [("india", "country == \"india\"", []), ("len", "country.Length == 5", [])]),
            ("global-list", [("expensive", "input1.Items.Where(Price > 50)")], [("one", "expensive.Count() == 1", []), ("any", "expensive.Any()", [])]),
            ("global-array", [("ids", "new int[] {1, 7, 42}")], [("has", "ids.Contains(input1.Id)", []), ("count", "ids.Count() == 3", [])]),
            ("global-bad-parse", [("g", "input1.Amount >")], [("r1", "input1.Id > 0", []), ("r2", "g", [])]),
            ("global-runtime-error", [("g", "input1.Id / 0")], [("r1", "input1.Id > 0", []), ("r2", "g > 1", [])]),
            ("global-null", [("n", "input1.Note")], [("isnull", "n == null", []), ("len", "n.Length > 3", [])]),
            ("global-collides", [("input1", "1")], [("r1", "true", [])]),
            ("global-duplicate", [("g", "1"), ("g", "2")], [("r1", "g == 1", [])]),
            ("global-missing", [("m", "input1.Missing")], [("isnull", "m == null", [])]),
            ("locals-basic", [], [("r1", "threshold < input1.Id", [("threshold", "10")]), ("r2", "doubled == 84", [("doubled", "input1.Id * 2")])]),
            ("locals-chain", [], [("r1", "c == 3", [("a", "1"), ("b", "a + 1"), ("c", "b + 1")])]),
            ("locals-over-global", [("g", "input1.Id")], [("r1", "l == g + 1", [("l", "g + 1")]), ("r2", "g == 42", [])]),
            ("locals-bad", [], [("r1", "x > 1", [("x", "input1.Amount >")]), ("r2", "input1.Id > 0", [])]),
            ("locals-runtime-error", [], [("r1", "x > 1", [("x", "input1.Id / 0")]), ("r2", "input1.Id > 0", [])]),
            ("locals-list", [], [("r1", "myList.Where(x => x < threshold).Contains(input1.Quantity)", [("threshold", "5"), ("myList", "new int[] {1, 2, 3, 4, 5}")])]),
            ("locals-first", [], [("r1", "m != null && m.Qty == 2", [("m", "input1.Items.FirstOrDefault(Sku == \"A-1\")")])]),
            ("locals-duplicate", [], [("r1", "x == 1", [("x", "1"), ("x", "2")])]),
            ("locals-shadow-input", [], [("r1", "input2 == 5", [("input2", "5")])]),
            ("locals-object", [], [("r1", "o.Total > 1000", [("o", "new (input1.Amount as Total, input1.Id as Id)")])]),
            ("locals-decimal", [], [("r1", "rate * 4 == 1", [("rate", "input2.Rate")]), ("r2", "sum == 1250.75", [("sum", "input1.Amount + 0.25")])]),
        ];
        foreach (var (id, globals, rules) in workflows)
        {
            var workflow = new JsonObject { ["WorkflowName"] = "scoped", ["Rules"] = new JsonArray([.. rules.Select(r => (JsonNode)RuleWithLocals(r.Name, r.Expression, r.Locals))]) };
            if (globals.Length > 0)
            {
                workflow["GlobalParams"] = Cases.ScopedParams(globals);
            }

            foreach (var compatCase in Workflow("scoped-params", id, workflow))
            {
                yield return compatCase;
            }

            foreach (var compatCase in Workflow("scoped-params", id + "/disabled", workflow, CompatSettings.Default with { ScopedParams = false }))
            {
                yield return compatCase;
            }
        }
    }

    public static IEnumerable<CompatCase> NestedRules()
    {
        string[] children = ["input1.Active", "input1.Amount > 1000", "input1.Score > 5", "input1.Missing > 1", "input1.Id / 0 > 1", "input1.Country == \"India\""];
        string[] operators = ["And", "AndAlso", "Or", "OrElse"];
        var id = 0;
        foreach (var op in operators)
        {
            for (var i = 0; i < children.Length; i++)
            {
                for (var j = i + 1; j < children.Length; j += 2)
                {
                    var parent = Parent("p", op, Rule("c1", children[i]), Rule("c2", children[j]));
                    var workflow = new JsonObject { ["WorkflowName"] = "nested", ["Rules"] = new JsonArray(parent, Rule("leaf", "input1.Id > 0")) };
                    foreach (var settings in new[] { CompatSettings.Default, CompatSettings.Default with { PerformanceMode = true } })
                    {
                        foreach (var compatCase in Workflow("nested-rules", $"{id}-{settings.Name}", workflow.DeepClone().AsObject(), settings))
                        {
                            yield return compatCase;
                        }
                    }

                    id++;
                }
            }
        }

        JsonObject[] special =
        [
            Parent("deep", "And", Parent("inner", "Or", Rule("a", "input1.Active"), Rule("b", "input1.Id == 7")), Rule("c", "input1.Quantity > 0")),
            Parent("disabled-child", "And", Rule("a", "input1.Active"), Disabled(Rule("b", "false"))),
            Parent("all-disabled", "Or", Disabled(Rule("a", "true")), Disabled(Rule("b", "true"))),
            Parent("lowercase-op", "and", Rule("a", "true"), Rule("b", "true")),
            Parent("unknown-op", "Xor", Rule("a", "true"), Rule("b", "true")),
            Parent("with-expression", "And", Rule("a", "true"), Rule("b", "true")),
            Parent("with-message", "And", Rule("a", "input1.Active", "child $(input1.Id)"), Rule("b", "input1.Amount > 5000", "child b $(input1.Amount)")),
        ];
        special[5]["Expression"] = "false";
        special[6]["ErrorMessage"] = "parent failed for $(input1.Id)";
        foreach (var parent in special)
        {
            var workflow = new JsonObject { ["WorkflowName"] = "nested", ["Rules"] = new JsonArray(parent) };
            foreach (var compatCase in Workflow("nested-rules", parent["RuleName"]!.GetValue<string>(), workflow))
            {
                yield return compatCase;
            }
        }

        var disabledTop = new JsonObject { ["WorkflowName"] = "nested", ["Rules"] = new JsonArray(Rule("on", "true"), Disabled(Rule("off", "true"))) };
        foreach (var compatCase in Workflow("nested-rules", "disabled-top", disabledTop))
        {
            yield return compatCase;
        }
    }

    public static IEnumerable<CompatCase> Actions()
    {
        string[] outputs =
        [
            "input1.Amount * 0.9", "input1.Price * 2", "input1.Id + 1", "input1.Quantity * 2", "\"order-\" + input1.Id.ToString()", "input1.Country.ToUpper()",
            "input1.Items.Sum(Price)", "input1.Items.Count", "input1.Items.Select(i => i.Sku)", "input1.Tags", "input1.Customer.Name", "input1.Note",
            "input1.Score", "input1.Missing", "input1.CreatedAt", "input1.CreatedAt.AddDays(1)", "new (input1.Amount as Total, input1.Active as Active)",
            "new (input1.Id as Id)", "input1.Amount > 1000", "input1.Id / 0", "input1.Amount >", "new { X = 1 }", "input1.Items.First()", "input2.Rate * 100",
            "Math.Round(input1.Price, 1)", "input1.Customer", "true", "null", "1.5m", "input1.Amount + input1.Price",
        ];
        var id = 0;
        foreach (var output in outputs)
        {
            foreach (var (outcome, expression) in new[] { ("OnSuccess", "input1.Id > 0"), ("OnFailure", "input1.Id < 0") })
            {
                var rule = Rule("r", expression);
                rule["Actions"] = new JsonObject { [outcome] = Action("OutputExpression", new JsonObject { ["Expression"] = output }) };
                var workflow = new JsonObject { ["WorkflowName"] = "actions", ["Rules"] = new JsonArray(rule) };
                foreach (var compatCase in Workflow("actions", $"output-{id++}", workflow))
                {
                    yield return compatCase;
                }
            }
        }

        // EvaluateRule chains: to a rule of the same workflow, with and without inputFilter and additionalInputs.
        var target = Rule("target", "input1.Id > 0");
        target["Actions"] = new JsonObject { ["OnSuccess"] = Action("OutputExpression", new JsonObject { ["Expression"] = "input1.Id * 10" }) };
        var needsExtra = Rule("needsExtra", "extra > 5");
        needsExtra["Actions"] = new JsonObject { ["OnSuccess"] = Action("OutputExpression", new JsonObject { ["Expression"] = "extra" }) };
        (string Id, JsonObject Context, string Expression)[] chains =
        [
            ("plain", new JsonObject { ["workflowName"] = "actions", ["ruleName"] = "target" }, "input1.Id < 0"),
            ("filter", new JsonObject { ["workflowName"] = "actions", ["ruleName"] = "target", ["inputFilter"] = new JsonArray("input1") }, "input1.Id < 0"),
            ("extra", new JsonObject
            {
                ["workflowName"] = "actions", ["ruleName"] = "needsExtra", ["inputFilter"] = new JsonArray("input1"),
                ["additionalInputs"] = new JsonArray(new JsonObject { ["Name"] = "extra", ["Expression"] = "input1.Quantity * 3" }),
            }, "input1.Id < 0"),
            ("unknown-rule", new JsonObject { ["workflowName"] = "actions", ["ruleName"] = "nope" }, "input1.Id < 0"),
            ("unknown-workflow", new JsonObject { ["workflowName"] = "nope", ["ruleName"] = "target" }, "input1.Id < 0"),
            ("on-success", new JsonObject { ["workflowName"] = "actions", ["ruleName"] = "target" }, "input1.Id > 0"),
        ];
        foreach (var (chainId, context, expression) in chains)
        {
            var start = Rule("start", expression);
            start["Actions"] = new JsonObject { [expression.Contains('>', StringComparison.Ordinal) ? "OnSuccess" : "OnFailure"] = Action("EvaluateRule", context) };
            var workflow = new JsonObject { ["WorkflowName"] = "actions", ["Rules"] = new JsonArray(start, target.DeepClone(), needsExtra.DeepClone()) };
            foreach (var compatCase in Workflow("actions", "chain-" + chainId, workflow))
            {
                yield return compatCase;
            }
        }

        var unknownAction = Rule("r", "true");
        unknownAction["Actions"] = new JsonObject { ["OnSuccess"] = Action("NoSuchAction", []) };
        foreach (var compatCase in Workflow("actions", "unknown-action", new JsonObject { ["WorkflowName"] = "actions", ["Rules"] = new JsonArray(unknownAction) }))
        {
            yield return compatCase;
        }

        var withGlobals = Rule("r", "g > 0");
        withGlobals["Actions"] = new JsonObject { ["OnSuccess"] = Action("OutputExpression", new JsonObject { ["Expression"] = "g + l" }) };
        withGlobals["LocalParams"] = Cases.ScopedParams(("l", "2"));
        var scopedWorkflow = new JsonObject { ["WorkflowName"] = "actions", ["GlobalParams"] = Cases.ScopedParams(("g", "input1.Id")), ["Rules"] = new JsonArray(withGlobals) };
        foreach (var settings in new[] { CompatSettings.Default, CompatSettings.Default with { AutoExecuteActions = false } })
        {
            foreach (var compatCase in Workflow("actions", "scoped-" + settings.Name, scopedWorkflow.DeepClone().AsObject(), settings))
            {
                yield return compatCase;
            }
        }
    }

    public static IEnumerable<CompatCase> ErrorMessages()
    {
        string[] templates =
        [
            "amount $(input1.Amount)", "price $(input1.Price)", "id $(input1.Id)", "country $(input1.Country)", "customer $(input1.Customer.Name)",
            "city $(input1.Customer.Address.City)", "rate $(input2.Rate)", "note $(input1.Note)", "score $(input1.Score)", "missing $(input1.Missing)",
            "unknown $(input7.x)", "two $(input1.Id) and $(input2.MaxAmount)", "whole $(input2)", "items $(input1.Tags)", "created $(input1.CreatedAt)",
            "quantity $(input1.Quantity)", "active $(input1.Active)", "deep $(input1.Customer.Address.Zip)", "no placeholders", "$(input1.Id)$(input1.Id)",
            "unclosed $(input1.Id", "empty $()", "dollar $ sign", "nested $(input1.Items)",
        ];
        var rules = new JsonArray([.. templates.Select((t, i) => (JsonNode)Rule($"m{i}", "input1.Id < 0", t))]);
        var workflow = new JsonObject { ["WorkflowName"] = "messages", ["Rules"] = rules };
        foreach (var settings in new[] { CompatSettings.Default, CompatSettings.Default with { FormattedErrorMessage = false } })
        {
            foreach (var compatCase in Workflow("error-messages", settings.Name, workflow.DeepClone().AsObject(), settings))
            {
                yield return compatCase;
            }
        }

        // A message does not replace an exception; with IgnoreException it does.
        var failing = new JsonObject
        {
            ["WorkflowName"] = "messages",
            ["Rules"] = new JsonArray(Rule("parse", "input1.Id >", "parse $(input1.Id)"), Rule("runtime", "input1.Id / 0 > 1", "runtime $(input1.Id)"), Rule("plain", "false", "plain")),
        };
        foreach (var settings in new[] { CompatSettings.Default, CompatSettings.Default with { IgnoreException = true }, CompatSettings.Default with { ExceptionAsErrorMessage = false } })
        {
            foreach (var compatCase in Workflow("error-messages", "exceptions-" + settings.Name, failing.DeepClone().AsObject(), settings))
            {
                yield return compatCase;
            }
        }
    }

    private static JsonObject RuleWithLocals(string name, string expression, (string, string)[] locals)
    {
        var rule = Rule(name, expression);
        if (locals.Length > 0)
        {
            rule["LocalParams"] = Cases.ScopedParams(locals);
        }

        return rule;
    }

    private static JsonObject Parent(string name, string op, params JsonObject[] children) =>
        new() { ["RuleName"] = name, ["Operator"] = op, ["Rules"] = new JsonArray([.. children]) };

    private static JsonObject Disabled(JsonObject rule)
    {
        rule["Enabled"] = false;
        return rule;
    }

    private static JsonObject Action(string name, JsonObject context) => new() { ["Name"] = name, ["Context"] = context };
}
