using System.Buffers;
using System.Collections.Immutable;
using Compliance.Rules.Expressions;

namespace Compliance.Rules;

/// <summary>
/// A workflow compiled for one input shape (the names and types of its inputs): an immutable snapshot that is safe to share
/// between threads. Obtain one from <see cref="RulesEngine.Compile(string, Type[])"/>.
/// </summary>
/// <remarks>
/// <para>This is the allocation-free check path. <see cref="Evaluate(ReadOnlySpan{object}, Span{RuleOutcome})"/> evaluates
/// GlobalParams once, then every enabled top-level rule in workflow order (nested rules, LocalParams and
/// <see cref="ReSettings.NestedRuleExecutionMode"/> as in <see cref="RulesEngine.ExecuteAllRulesAsync(string, RuleParameter[])"/>),
/// and writes one <see cref="RuleOutcome"/> per rule into the caller's span. It builds no <see cref="RuleResultTree"/>, no
/// Inputs dictionary, runs no actions and formats no messages. Its <see cref="RuleOutcome.IsSuccess"/> equals
/// <see cref="RuleResultTree.IsSuccess"/> of the same rule for the same inputs.</para>
/// <para>Differences from ExecuteAllRulesAsync, by design: errors are always values (<see cref="RuleOutcomeKind.Error"/>
/// with the exception), whatever <see cref="ReSettings.EnableExceptionAsErrorMessage"/> and <see cref="ReSettings.IgnoreException"/> say.</para>
/// <para>Allocation: nothing on the happy path beyond boxing the value of a value-typed GlobalParam or LocalParam;
/// the slot array comes from <see cref="ArrayPool{T}"/>. Errors allocate their exception.</para>
/// <para>The snapshot is bound to the workflow version it was compiled from. To follow <see cref="RulesEngine.AddOrUpdateWorkflow"/>,
/// ask the engine per request: <see cref="RulesEngine.Compile{TInput}(string)"/> and <see cref="RulesEngine.Compile(string, Type[])"/>
/// return the cached snapshot of the current version without allocating.</para>
/// <example><code>
/// var outcomes = new RuleOutcome[64];
/// var compiled = engine.Compile&lt;Transaction&gt;("pre-transaction");
/// compiled.Evaluate(transaction, outcomes);
/// for (var i = 0; i &lt; compiled.RuleCount; i++) { /* compiled.RuleNames[i], outcomes[i] */ }
/// </code></example>
/// </remarks>
public sealed partial class CompiledWorkflow
{
    private static readonly Func<object?[], bool> AlwaysFalse = _ => false;

    internal CompiledWorkflow(
        string workflowName,
        string[] inputNames,
        Type[] inputTypes,
        ParamNode[] globals,
        GlobalParamError? globalError,
        RuleNode[] rules,
        FusedRun[] runs,
        int slotCount,
        ReSettings settings,
        ImmutableArray<WorkflowDependency> dependencies)
    {
        WorkflowName = workflowName;
        InputNameArray = inputNames;
        InputTypeArray = inputTypes;
        Globals = globals;
        GlobalError = globalError;
        Rules = rules;
        RunAt = new FusedRun?[rules.Length];
        foreach (var run in runs)
        {
            RunAt[run.Start] = run;
        }

        SlotCount = slotCount;
        Settings = settings;
        Dependencies = dependencies;
        RuleNames = [.. rules.Select(r => r.Rule.RuleName)];
        HasActions = rules.Any(r => r.HasActions);
        Messages = [.. rules.Select(r => MessagePlan.For(r, inputNames, globals))];
    }

    /// <summary>The workflow's name.</summary>
    public string WorkflowName { get; }

    /// <summary>The input names, in the order <see cref="Evaluate(ReadOnlySpan{object}, Span{RuleOutcome})"/> expects the values.</summary>
    public IReadOnlyList<string> InputNames => InputNameArray;

    /// <summary>The input types the workflow was compiled against.</summary>
    public IReadOnlyList<Type> InputTypes => InputTypeArray;

    /// <summary>The enabled top-level rules (own, then injected), in the order outcomes are written.</summary>
    public ImmutableArray<string> RuleNames { get; }

    /// <summary>How many outcomes <see cref="Evaluate(ReadOnlySpan{object}, Span{RuleOutcome})"/> writes.</summary>
    public int RuleCount => Rules.Length;

    internal static Func<object?[], bool> SilentFalse => AlwaysFalse;

    internal string[] InputNameArray { get; }

    internal Type[] InputTypeArray { get; }

    internal ParamNode[] Globals { get; }

    internal GlobalParamError? GlobalError { get; }

    internal RuleNode[] Rules { get; }

    /// <summary>Per top-level rule: the <see cref="FusedRun"/> that starts at it, else null (the rule is evaluated alone, or inside a run).</summary>
    internal FusedRun?[] RunAt { get; }

    internal int SlotCount { get; }

    internal ReSettings Settings { get; }

    /// <summary>The registry entries of injected workflows this snapshot was built from (name, entry); stale when one changes.</summary>
    internal ImmutableArray<WorkflowDependency> Dependencies { get; }

    internal bool HasActions { get; }

    /// <summary>Per top-level rule (same index as <see cref="Rules"/>): its parsed ErrorMessage, null when it has none.</summary>
    internal MessagePlan?[] Messages { get; }

    /// <summary>Evaluates the workflow for one input (a workflow compiled for one input).</summary>
    public void Evaluate(object? input1, Span<RuleOutcome> outcomes) => Evaluate(new ReadOnlySpan<object?>(ref input1), outcomes);

    /// <summary>
    /// Evaluates every top-level rule and writes its outcome to <paramref name="outcomes"/>[i] (i = index in <see cref="RuleNames"/>).
    /// </summary>
    /// <param name="inputs">One value per <see cref="InputNames"/>, each null or an instance of the matching <see cref="InputTypes"/>.</param>
    /// <param name="outcomes">At least <see cref="RuleCount"/> elements.</param>
    /// <exception cref="ArgumentException">Wrong number of inputs, an input of the wrong type, or too short a span.</exception>
    public void Evaluate(ReadOnlySpan<object?> inputs, Span<RuleOutcome> outcomes)
    {
        CheckArguments(inputs, outcomes.Length);
        var slots = ArrayPool<object?>.Shared.Rent(SlotCount);
        try
        {
            inputs.CopyTo(slots);
            EvaluationBudget.Reset(Settings.MaxCollectionWork);
            var globalFailure = EvaluateGlobals(slots, null);
            if (globalFailure is not null)
            {
                for (var i = 0; i < Rules.Length; i++)
                {
                    outcomes[i] = new RuleOutcome(RuleOutcomeKind.Error, GlobalFailureException(Rules[i].Rule, globalFailure));
                }

                return;
            }

            for (var i = 0; i < Rules.Length;)
            {
                if (RunAt[i] is { } run)
                {
                    EvaluateRun(run, slots, outcomes);
                    i += run.Count;
                }
                else
                {
                    outcomes[i] = EvaluateOutcome(Rules[i], slots);
                    i++;
                }
            }
        }
        finally
        {
            Array.Clear(slots, 0, SlotCount);
            ArrayPool<object?>.Shared.Return(slots);
        }
    }

    private void CheckArguments(ReadOnlySpan<object?> inputs, int outcomeCount)
    {
        if (inputs.Length != InputTypeArray.Length)
        {
            throw new ArgumentException($"Workflow `{WorkflowName}` was compiled for {InputTypeArray.Length} inputs, got {inputs.Length}", nameof(inputs));
        }

        if (outcomeCount < Rules.Length)
        {
            throw new ArgumentException($"Workflow `{WorkflowName}` has {Rules.Length} rules; the outcome span holds {outcomeCount}", "outcomes");
        }

        for (var i = 0; i < inputs.Length; i++)
        {
            if (inputs[i] is { } value && !InputTypeArray[i].IsInstanceOfType(value))
            {
                throw new ArgumentException(
                    $"Input `{InputNameArray[i]}` was compiled as {InputTypeArray[i]}, got {value.GetType()}", nameof(inputs));
            }
        }
    }

    /// <summary>Evaluates the GlobalParams into their slots (counting them in <paramref name="inputs"/>); returns the failure, if any.</summary>
    private object? EvaluateGlobals(object?[] slots, SharedInputs? inputs)
    {
        if (GlobalError is not null)
        {
            return GlobalError;
        }

        foreach (var global in Globals)
        {
            try
            {
                slots[global.Slot] = global.Evaluate(slots);
                if (inputs is not null)
                {
                    inputs.GlobalCount++;
                }
            }
#pragma warning disable CA1031 // Expression failures are rule results, not crashes (RulesEngine's contract).
            catch (Exception ex)
#pragma warning restore CA1031
            {
                return ex;
            }
        }

        return null;
    }

    private static RuleException GlobalFailureException(Rule rule, object failure) => failure switch
    {
        GlobalParamError { AtRunTime: true } error => RuleException.ForRule(RuleMessages.ScopedRuntime(rule.RuleName, error.Message), rule),
        GlobalParamError error => RuleException.ForRule(RuleMessages.ScopedCompile(rule.RuleName, error.Message, error.ParamName), rule),
        Exception ex => RuleException.ForRule(RuleMessages.GlobalRuntime(rule.RuleName, ex), rule, ex),
        _ => throw new InvalidOperationException("unreachable"),
    };

    private void EvaluateRun(FusedRun run, object?[] slots, Span<RuleOutcome> outcomes)
    {
        Exception?[]? errors = null;
        var passed = run.Evaluate(slots, stopAtError: false, ref errors);
        var start = run.Start;
        for (var k = 0; k < run.Count; k++)
        {
            outcomes[start + k] = (passed & (1UL << k)) != 0 ? RuleOutcome.Success
                : errors?[k] is { } ex ? new RuleOutcome(RuleOutcomeKind.Error, RuntimeException(Rules[start + k].Rule, ex))
                : RuleOutcome.Failure;
        }
    }

    private static RuleException RuntimeException(Rule rule, Exception ex) => RuleException.ForRule(RuleMessages.Runtime(rule.RuleName, ex), rule, ex);

    private RuleOutcome EvaluateOutcome(RuleNode node, object?[] slots)
    {
        if (node.CompileException is { } compileError)
        {
            return new RuleOutcome(RuleOutcomeKind.Error, compileError);
        }

        foreach (var local in node.Locals)
        {
            try
            {
                slots[local.Slot] = local.Evaluate(slots);
            }
#pragma warning disable CA1031 // see EvaluateGlobals
            catch (Exception ex)
            {
                return new RuleOutcome(RuleOutcomeKind.Error, RuleException.ForRule(RuleMessages.LocalRuntime(node.Rule.RuleName, ex), node.Rule, ex));
            }
        }

        if (node.Children is null)
        {
            try
            {
                return node.Predicate!(slots) ? RuleOutcome.Success : RuleOutcome.Failure;
            }
            catch (Exception ex)
            {
                return new RuleOutcome(RuleOutcomeKind.Error, RuntimeException(node.Rule, ex));
            }
#pragma warning restore CA1031
        }

        var performance = Settings.NestedRuleExecutionMode == NestedRuleExecutionMode.Performance;
        var decided = false;
        foreach (var child in node.Children)
        {
            var success = EvaluateOutcome(child, slots).IsSuccess;

            // And is decided by the first failure, Or by the first success.
            if (success != node.IsAnd)
            {
                decided = true;
                if (performance)
                {
                    break;
                }
            }
        }

        var passed = node.IsAnd ? node.Children.Length > 0 && !decided : decided;
        return passed ? RuleOutcome.Success : RuleOutcome.Failure;
    }
}
