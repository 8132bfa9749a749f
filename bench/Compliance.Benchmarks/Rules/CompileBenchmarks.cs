using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Compliance.Api.Checks;
using Compliance.Rules;

namespace Compliance.Benchmarks.Rules;

/// <summary>
/// Compiling 1,000 rules from scratch: the shipped rules repeated with distinct constants, so no
/// two expressions share text and no cache can help. Against Microsoft RulesEngine 6.0.1, which compiles on
/// the first execution: a new engine and its first ExecuteAllRulesAsync, for both engines.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, warmupCount: 1, iterationCount: 5)]
public class CompileBenchmarks
{
    private Workflow[] _workflows = null!;
    private string _json = null!;
    private RuleParameter[] _ourInputs = null!;
    private global::RulesEngine.Models.RuleParameter[] _theirInputs = null!;

    [GlobalSetup]
    public void Setup()
    {
        var template = JsonNode.Parse(File.ReadAllText(RuleSetFiles.PreTransaction))!;
        var rules = template["Rules"]!.AsArray();
        var bulk = new JsonArray();
        for (var i = 0; i < 1000; i++)
        {
            var rule = rules[i % rules.Count]!.DeepClone();
            rule["RuleName"] = $"{rule["RuleName"]}_{i}";
            rule["Expression"] = $"({rule["Expression"]}) AND amount != {i}.25m";
            bulk.Add(rule);
        }

        template["Rules"] = bulk;
        _json = template.ToJsonString();
        _workflows = WorkflowJson.Parse(_json);
        (string Name, object Value)[] facts =
        [
            ("transaction", PreTransactionFacts.Transaction), ("customer", PreTransactionFacts.Customer),
            ("velocity", PreTransactionFacts.Velocity), ("counterparty", PreTransactionFacts.Counterparty),
        ];
        _ourInputs = [.. facts.Select(f => new RuleParameter(f.Name, f.Value))];
        _theirInputs = [.. facts.Select(f => new global::RulesEngine.Models.RuleParameter(f.Name, f.Value))];
    }

    [Benchmark]
    public CompiledWorkflow Compile_1000Rules() => new Compliance.Rules.RulesEngine(_workflows).Compile(CheckInputs.RuleSetName, CheckInputs.Shape);

    [Benchmark]
    public List<RuleResultTree> Ours_NewEngineFirstExecution_1000Rules() =>
        new Compliance.Rules.RulesEngine([_json]).ExecuteAllRulesAsync(CheckInputs.RuleSetName, _ourInputs).AsTask().Result;

    [Benchmark(Baseline = true)]
    public List<global::RulesEngine.Models.RuleResultTree> RulesEngine_NewEngineFirstExecution_1000Rules() =>
        new global::RulesEngine.RulesEngine([_json], new global::RulesEngine.Models.ReSettings()).ExecuteAllRulesAsync(CheckInputs.RuleSetName, _theirInputs).AsTask().Result;
}
