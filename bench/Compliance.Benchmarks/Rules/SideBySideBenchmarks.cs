using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Compliance.Api.Checks;
using Compliance.Rules;
using Theirs = RulesEngine.Models;

namespace Compliance.Benchmarks.Rules;

/// <summary>
/// Microsoft RulesEngine 6.0.1 (the baseline) against src/Rules on the same workflow JSON and the
/// same typed inputs, warm (compiled on the first call, outside the measurement): the shipped
/// pre-transaction rule set on one check's facts, and a 24-rule order workflow. Ours twice: through
/// the same API (ExecuteAllRulesAsync and its result trees) and through the compiled delegates the
/// check API uses.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class SideBySideBenchmarks
{
    private global::RulesEngine.RulesEngine _theirs = null!;
    private Compliance.Rules.RulesEngine _ours = null!;
    private Theirs.RuleParameter[] _theirPreTransaction = null!;
    private RuleParameter[] _ourPreTransaction = null!;
    private Theirs.RuleParameter[] _theirOrder = null!;
    private RuleParameter[] _ourOrder = null!;
    private CompiledWorkflow _preTransactionDelegates = null!;
    private CompiledWorkflow _orderDelegates = null!;
    private object?[] _preTransactionInputs = null!;
    private object?[] _orderInputs = null!;
    private RuleOutcome[] _preTransactionOutcomes = null!;
    private RuleOutcome[] _orderOutcomes = null!;

    [GlobalSetup]
    public void Setup()
    {
        string[] workflows = [File.ReadAllText(RuleSetFiles.PreTransaction), TwentyFourRules.Json];
        _theirs = new global::RulesEngine.RulesEngine(workflows, new Theirs.ReSettings());
        _ours = new Compliance.Rules.RulesEngine(workflows);
        (string Name, object Value)[] facts =
        [
            ("transaction", PreTransactionFacts.Transaction), ("customer", PreTransactionFacts.Customer),
            ("velocity", PreTransactionFacts.Velocity), ("counterparty", PreTransactionFacts.Counterparty),
        ];
        _theirPreTransaction = [.. facts.Select(f => new Theirs.RuleParameter(f.Name, f.Value))];
        _ourPreTransaction = [.. facts.Select(f => new RuleParameter(f.Name, f.Value))];
        _theirOrder = [new Theirs.RuleParameter("order", TwentyFourRules.Order)];
        _ourOrder = [new RuleParameter("order", TwentyFourRules.Order)];

        _preTransactionDelegates = _ours.Compile(CheckInputs.RuleSetName, CheckInputs.Shape);
        _preTransactionInputs = [.. facts.Select(f => f.Value)];
        _preTransactionOutcomes = new RuleOutcome[_preTransactionDelegates.RuleCount];
        _orderDelegates = _ours.Compile(TwentyFourRules.WorkflowName, [RuleParameter.Create("order", typeof(BenchOrder))]);
        _orderInputs = [TwentyFourRules.Order];
        _orderOutcomes = new RuleOutcome[_orderDelegates.RuleCount];

        // Compile everything before measuring.
        _ = RulesEngine_PreTransaction().AsTask().Result;
        _ = Ours_PreTransaction().AsTask().Result;
        _ = RulesEngine_24Rules().AsTask().Result;
        _ = Ours_24Rules().AsTask().Result;
    }

    [Benchmark(Baseline = true), BenchmarkCategory("pre-transaction")]
    public ValueTask<List<Theirs.RuleResultTree>> RulesEngine_PreTransaction() => _theirs.ExecuteAllRulesAsync(CheckInputs.RuleSetName, _theirPreTransaction);

    [Benchmark, BenchmarkCategory("pre-transaction")]
    public ValueTask<List<RuleResultTree>> Ours_PreTransaction() => _ours.ExecuteAllRulesAsync(CheckInputs.RuleSetName, _ourPreTransaction);

    [Benchmark, BenchmarkCategory("pre-transaction")]
    public RuleOutcome OursDelegates_PreTransaction()
    {
        _preTransactionDelegates.Evaluate(_preTransactionInputs, _preTransactionOutcomes);
        return _preTransactionOutcomes[0];
    }

    [Benchmark(Baseline = true), BenchmarkCategory("24-rules")]
    public ValueTask<List<Theirs.RuleResultTree>> RulesEngine_24Rules() => _theirs.ExecuteAllRulesAsync(TwentyFourRules.WorkflowName, _theirOrder);

    [Benchmark, BenchmarkCategory("24-rules")]
    public ValueTask<List<RuleResultTree>> Ours_24Rules() => _ours.ExecuteAllRulesAsync(TwentyFourRules.WorkflowName, _ourOrder);

    [Benchmark, BenchmarkCategory("24-rules")]
    public RuleOutcome OursDelegates_24Rules()
    {
        _orderDelegates.Evaluate(_orderInputs, _orderOutcomes);
        return _orderOutcomes[0];
    }
}
