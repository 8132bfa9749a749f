using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Compliance.Api.Checks;
using Compliance.Rules;

namespace Compliance.Benchmarks.Rules;

/// <summary>
/// Compiling 1,000 rules from scratch: the shipped rules repeated with distinct constants, so no
/// two expressions share text and no cache can help.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, warmupCount: 1, iterationCount: 5)]
public class CompileBenchmarks
{
    private Workflow[] _workflows = null!;

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
        _workflows = WorkflowJson.Parse(template.ToJsonString());
    }

    [Benchmark]
    public CompiledWorkflow Compile_1000Rules() => new RulesEngine(_workflows).Compile(CheckInputs.RuleSetName, CheckInputs.Shape);
}
