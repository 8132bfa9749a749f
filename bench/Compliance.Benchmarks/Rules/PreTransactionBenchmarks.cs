using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Compliance.Api.Checks;
using Compliance.Rules;

namespace Compliance.Benchmarks.Rules;

/// <summary>
/// The shipped pre-transaction rule set (every rule, GlobalParams included) on one check's facts:
/// through RulesEngine's API on typed facts and on JsonElement facts, and through the pure delegate
/// path the check API uses (no result objects).
/// </summary>
[MemoryDiagnoser]
public class PreTransactionBenchmarks
{
    private Compliance.Rules.RulesEngine _engine = null!;
    private RuleParameter[] _typed = null!;
    private RuleParameter[] _json = null!;
    private CompiledWorkflow _compiled = null!;
    private object?[] _inputs = null!;
    private RuleOutcome[] _outcomes = null!;

    [GlobalSetup]
    public void Setup()
    {
        _engine = new Compliance.Rules.RulesEngine([File.ReadAllText(RuleSetFiles.PreTransaction)]);
        _typed =
        [
            new("transaction", PreTransactionFacts.Transaction),
            new("customer", PreTransactionFacts.Customer),
            new("velocity", PreTransactionFacts.Velocity),
            new("counterparty", PreTransactionFacts.Counterparty),
        ];
        _json = [.. _typed.Select(p => new RuleParameter(p.Name, PreTransactionFacts.Json(p.Value!)))];
        _compiled = _engine.Compile(CheckInputs.RuleSetName, CheckInputs.Shape);
        _inputs = [.. _typed.Select(p => p.Value)];
        _outcomes = new RuleOutcome[_compiled.RuleCount];

        // Warm both shapes so the benchmark measures evaluation, not the first compile.
        _ = ExecuteAllRules_Typed().AsTask().Result;
        _ = ExecuteAllRules_JsonElement().AsTask().Result;
    }

    [Benchmark(Baseline = true)]
    public ValueTask<List<RuleResultTree>> ExecuteAllRules_Typed() => _engine.ExecuteAllRulesAsync(CheckInputs.RuleSetName, _typed);

    [Benchmark]
    public ValueTask<List<RuleResultTree>> ExecuteAllRules_JsonElement() => _engine.ExecuteAllRulesAsync(CheckInputs.RuleSetName, _json);

    [Benchmark]
    public RuleOutcome CompiledDelegates_Typed()
    {
        _compiled.Evaluate(_inputs, _outcomes);
        return _outcomes[0];
    }
}
