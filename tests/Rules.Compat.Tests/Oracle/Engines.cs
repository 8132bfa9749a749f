using System.Dynamic;
using System.Text.Json;
using Compliance.Rules.Compat.Tests.Corpus;
using Newtonsoft.Json;
using Newtonsoft.Json.Converters;
using Newtonsoft.Json.Linq;
using Theirs = RulesEngine.Models;

namespace Compliance.Rules.Compat.Tests.Oracle;

/// <summary>Runs a case through RulesEngine 6.0.1 and through src/Rules, each built from the same workflow JSON.</summary>
public static class Engines
{
    public static async Task<(EngineRun Ours, EngineRun Theirs)> RunAsync(CompatCase compatCase, InputKind kind)
    {
        var ours = await RunOursAsync(compatCase, kind);
        var theirs = await RunTheirsAsync(compatCase, kind);
        if (compatCase.Settings.IgnoreException)
        {
            // The compared messages are blank; the errors behind them explain a difference, so run once more to read them.
            var seen = compatCase with { Settings = compatCase.Settings with { IgnoreException = false } };
            ours = WithRawMessages(ours, await RunOursAsync(seen, kind));
            theirs = WithRawMessages(theirs, await RunTheirsAsync(seen, kind));
        }

        return (ours, theirs);
    }

    private static EngineRun WithRawMessages(EngineRun run, EngineRun seen)
    {
        if (run.Rules is null || seen.Rules is null)
        {
            return run;
        }

        var raw = seen.Rules.GroupBy(r => r.Name).ToDictionary(g => g.Key, g => g.First().RawMessage);
        return run with { Rules = [.. run.Rules.Select(r => r with { RawMessage = raw.GetValueOrDefault(r.Name, r.RawMessage) })] };
    }

    private static async Task<EngineRun> RunOursAsync(CompatCase compatCase, InputKind kind)
    {
        try
        {
            var engine = new RulesEngine([.. compatCase.Workflows], compatCase.Settings.Ours());
            var inputs = compatCase.Inputs.Select(i => new RuleParameter(i.Name, kind switch
            {
                InputKind.Typed => i.Typed!(),
                InputKind.Json => JsonDocument.Parse(i.Json).RootElement.Clone(),
                _ => Expando(i.Json),
            })).ToArray();
            var results = await engine.ExecuteAllRulesAsync(compatCase.WorkflowName, inputs);
            return EngineRun.Of([.. results.Select(View)]);
        }
        catch (Exception e)
        {
            return EngineRun.Of(e);
        }
    }

    private static async Task<EngineRun> RunTheirsAsync(CompatCase compatCase, InputKind kind)
    {
        try
        {
            var engine = new global::RulesEngine.RulesEngine([.. compatCase.Workflows], compatCase.Settings.Theirs());

            // JSON reaches RulesEngine as the ExpandoObject its documentation builds; typed objects as they are.
            var inputs = compatCase.Inputs.Select(i => new Theirs.RuleParameter(i.Name, kind == InputKind.Typed ? i.Typed!() : Expando(i.Json))).ToArray();
            var results = await engine.ExecuteAllRulesAsync(compatCase.WorkflowName, inputs);
            return EngineRun.Of([.. results.Select(View)]);
        }
        catch (Exception e)
        {
            return EngineRun.Of(e);
        }
    }

    /// <summary>The JSON as Newtonsoft reads it into an ExpandoObject (a scalar or array as its plain value).</summary>
    public static object? Expando(string json)
    {
        var token = JToken.Parse(json);
        return token switch
        {
            JObject => JsonConvert.DeserializeObject<ExpandoObject>(json, new ExpandoObjectConverter()),
            JArray => JsonConvert.DeserializeObject<List<object?>>(json, new ExpandoObjectConverter()),
            JValue value => value.Value,
            _ => null,
        };
    }

    private static RuleView View(RuleResultTree result) => new(
        result.Rule.RuleName, result.IsSuccess, RuleView.ClassifyMessage(result.ExceptionMessage), result.ExceptionMessage ?? "",
        RuleView.ClassifyOutput(result.ActionResult?.Output, result.ActionResult?.Exception),
        result.ChildResults?.Select(View).ToList());

    private static RuleView View(Theirs.RuleResultTree result) => new(
        result.Rule.RuleName, result.IsSuccess, RuleView.ClassifyMessage(result.ExceptionMessage), result.ExceptionMessage ?? "",
        RuleView.ClassifyOutput(result.ActionResult?.Output, result.ActionResult?.Exception),
        result.ChildResults?.Select(View).ToList());
}
