using System.Runtime.InteropServices;
using Compliance.Rules.Expressions;

namespace Compliance.Rules;

/// <summary>The RulesEngine-shaped path: RuleResultTree per rule, Inputs dictionaries, messages, exceptions per ReSettings.</summary>
public sealed partial class CompiledWorkflow
{
    /// <summary>Evaluates all top-level rules into result trees (no actions; those run afterwards).</summary>
    /// <param name="noActions">Every result reads an empty <see cref="RuleResultTree.ActionResult"/>: actions are on and the workflow has none.</param>
    internal List<RuleResultTree> ExecuteTrees(RuleParameter[] parameters, bool noActions, CancellationToken cancellationToken)
    {
        var slots = new object?[SlotCount];
        var inputs = Begin(parameters, slots);
        var globalFailure = EvaluateGlobals(slots, inputs);

        // Filled through a span: List<T>.Add stores with an array-covariance type check per element (a profile
        // of the 24-rule benchmark put ~5% of the time there); a span's store has none.
        var results = new List<RuleResultTree>(Rules.Length);
        CollectionsMarshal.SetCount(results, Rules.Length);
        var span = CollectionsMarshal.AsSpan(results);
        for (var i = 0; i < Rules.Length;)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (globalFailure is null && RunAt[i] is { } run)
            {
                ExecuteRun(run, slots, inputs, noActions, span);
                i += run.Count;
            }
            else
            {
                span[i] = ExecuteTopLevel(i, slots, inputs, globalFailure, noActions);
                i++;
            }
        }

        return results;
    }

    /// <summary>Evaluates one top-level rule (with the GlobalParams) into a result tree.</summary>
    internal RuleResultTree ExecuteSingle(RuleNode node, RuleParameter[] parameters)
    {
        var slots = new object?[SlotCount];
        var inputs = Begin(parameters, slots);
        var globalFailure = EvaluateGlobals(slots, inputs);
        return ExecuteTopLevel(Array.IndexOf(Rules, node), slots, inputs, globalFailure, noActions: false);
    }

    private SharedInputs Begin(RuleParameter[] parameters, object?[] slots)
    {
        for (var i = 0; i < parameters.Length; i++)
        {
            slots[i] = parameters[i].Value;
        }

        EvaluationBudget.Reset(Settings.MaxCollectionWork);
        return new SharedInputs(this, slots);
    }

    private void ExecuteRun(FusedRun run, object?[] slots, SharedInputs inputs, bool noActions, Span<RuleResultTree> results)
    {
        Exception?[]? errors = null;
        var passed = run.Evaluate(slots, stopAtError: !Settings.EnableExceptionAsErrorMessage, ref errors);
        for (var k = 0; k < run.Count; k++)
        {
            var index = run.Start + k;
            var rule = Rules[index].Rule;
            if ((passed & (1UL << k)) != 0)
            {
                // A rule that passed has no message to format.
                results[index] = Result(rule, true, inputs, null, "", noActions);
                continue;
            }

            // When exceptions are not messages, the run stopped at the first error, and Failed throws it here.
            var result = errors?[k] is { } ex
                ? Failed(rule, inputs, RuntimeException(rule, ex), noActions)
                : Result(rule, false, inputs, null, "", noActions);
            results[index] = WithMessage(index, result, slots, globalFailure: null);
        }
    }

    private RuleResultTree ExecuteTopLevel(int index, object?[] slots, SharedInputs inputs, object? globalFailure, bool noActions)
    {
        var node = Rules[index];
        var result = globalFailure is null
            ? ExecuteNode(node, slots, inputs, noActions)
            : Failed(node.Rule, inputs, GlobalFailureException(node.Rule, globalFailure), noActions);
        return WithMessage(index, result, slots, globalFailure);
    }

    /// <summary>Sets the formatted ErrorMessage of a failed top-level rule that has one and no error text.</summary>
    private RuleResultTree WithMessage(int index, RuleResultTree result, object?[] slots, object? globalFailure)
    {
        var node = Rules[index];
        if (!result.IsSuccess && Settings.EnableFormattedErrorMessage
            && string.IsNullOrWhiteSpace(result.ExceptionMessage) && node.Rule.ErrorMessage is { } text)
        {
            // Without an error every scoped param of the rule is in its slot; after one, only Inputs says what was in scope.
            var plan = Messages[index];
            var completed = globalFailure is null && !Settings.IgnoreException;
            if (plan is null || !ReferenceEquals(plan.Template.Text, text))
            {
                // The rule's ErrorMessage was changed after compilation: RulesEngine formats whatever it holds now.
                result.ExceptionMessage = MessageTemplate.Parse(text).Format(result.Inputs);
            }
            else
            {
                SetMessage(result, plan, completed ? slots : null);
            }
        }

        return result;
    }

    /// <summary>
    /// Fills the formatted ErrorMessage, formatted on first read. What each placeholder needs is captured now: the root
    /// value when it is frozen (see <see cref="FrozenValues"/>), else the placeholder's text, resolved now.
    /// </summary>
    /// <param name="slots">The slots when they hold every value in the rule's scope; null to read the rule's Inputs.</param>
    private static void SetMessage(RuleResultTree result, MessagePlan plan, object?[]? slots)
    {
        var template = plan.Template;
        var count = template.PlaceholderCount;
        if (count == 0)
        {
            result.ExceptionMessage = template.Text;
        }
        else if (count == 1)
        {
            result.SetPendingMessage(template, Capture(result, plan, slots, template.Placeholder(0)));
        }
        else
        {
            var captured = new object?[count];
            for (var i = 0; i < count; i++)
            {
                captured[i] = Capture(result, plan, slots, template.Placeholder(i));
            }

            result.SetPendingMessage(template, captured);
        }
    }

    private static object? Capture(RuleResultTree result, MessagePlan plan, object?[]? slots, MessagePlaceholder placeholder)
    {
        object? value;
        if (slots is null)
        {
            if (!result.Inputs.TryGetValue(plan.Template.Roots[placeholder.RootIndex], out value))
            {
                return ResolvedText.Verbatim;
            }
        }
        else
        {
            var slot = plan.RootSlots[placeholder.RootIndex];
            if (slot < 0)
            {
                return ResolvedText.Verbatim;
            }

            value = slots[slot];
        }

        return FrozenValues.IsFrozen(value) ? value : new ResolvedText(ErrorMessageFormatter.Resolve(value, placeholder.Path));
    }

    /// <param name="inputs">The Inputs of the node's scope: the execution's <see cref="SharedInputs"/>, or a dictionary once a LocalParam is in scope.</param>
    private RuleResultTree ExecuteNode(RuleNode node, object?[] slots, object inputs, bool noActions)
    {
        if (node.CompileException is { } compileError)
        {
            if (!Settings.EnableExceptionAsErrorMessage)
            {
                throw RuleException.ForRule(node.ThrowMessage ?? compileError.Message, node.Rule);
            }

            return Result(node.Rule, false, inputs, null, compileError.Message, noActions);
        }

        if (node.Locals.Length > 0)
        {
            // Rules without LocalParams share their parent's Inputs; only a rule that adds values copies them.
            var scoped = new Dictionary<string, object>(SharedInputs.Of(inputs));
            inputs = scoped;
            foreach (var local in node.Locals)
            {
                try
                {
                    var value = local.Evaluate(slots);
                    slots[local.Slot] = value;
                    scoped[local.Name] = value!;
                }
#pragma warning disable CA1031 // Expression failures are rule results, not crashes (RulesEngine's contract).
                catch (Exception ex)
                {
                    return Failed(node.Rule, inputs, RuleException.ForRule(RuleMessages.LocalRuntime(node.Rule.RuleName, ex), node.Rule, ex), noActions);
                }
            }
        }

        if (node.Children is null)
        {
            try
            {
                return Result(node.Rule, node.Predicate!(slots), inputs, null, "", noActions);
            }
            catch (Exception ex)
            {
                return Failed(node.Rule, inputs, RuntimeException(node.Rule, ex), noActions);
            }
#pragma warning restore CA1031
        }

        var performance = Settings.NestedRuleExecutionMode == NestedRuleExecutionMode.Performance;
        var children = new RuleResultTree[node.Children.Length];
        var evaluated = 0;
        var decided = false;
        foreach (var child in node.Children)
        {
            var childResult = ExecuteNode(child, slots, inputs, noActions);
            children[evaluated++] = childResult;
            if (childResult.IsSuccess != node.IsAnd)
            {
                decided = true;
                if (performance)
                {
                    break;
                }
            }
        }

        var passed = node.IsAnd ? node.Children.Length > 0 && !decided : decided;
        return Result(node.Rule, passed, inputs, evaluated == children.Length ? children : children[..evaluated], "", noActions);
    }

    private RuleResultTree Failed(Rule rule, object inputs, RuleException error, bool noActions)
    {
        if (!Settings.EnableExceptionAsErrorMessage)
        {
            throw error;
        }

        return Result(rule, false, inputs, null, error.Message, noActions);
    }

    private RuleResultTree Result(Rule rule, bool success, object inputs, RuleResultTree[]? children, string message, bool noActions) =>
        new(rule, success, inputs, children, Settings.IgnoreException ? "" : message, noActions);
}
