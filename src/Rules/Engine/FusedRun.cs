using System.Linq.Expressions;

namespace Compliance.Rules;

/// <summary>
/// Consecutive top-level leaf rules without LocalParams, compiled into one method: each rule's expression in its own
/// try/catch, in workflow order, its result a bit of the returned mask. One call instead of one delegate call per rule,
/// which cost more than most rules' expressions.
/// </summary>
internal sealed class FusedRun
{
    /// <summary>At most this many rules per run: one bit of the mask each.</summary>
    public const int MaxRules = 64;

    private FusedRun(int start, int count, Evaluator evaluate)
    {
        Start = start;
        Count = count;
        Evaluate = evaluate;
    }

    /// <param name="slots">The execution's slots (inputs and GlobalParams filled).</param>
    /// <param name="stopAtError">Return at the first rule that throws, the rules after it not evaluated.</param>
    /// <param name="errors">Made when a rule throws: its exception at the rule's index in the run.</param>
    /// <returns>Bit i set when rule <see cref="Start"/> + i passed.</returns>
    public delegate ulong Evaluator(object?[] slots, bool stopAtError, ref Exception?[]? errors);

    /// <summary>Index in <see cref="CompiledWorkflow"/>'s rules of the first rule.</summary>
    public int Start { get; }

    public int Count { get; }

    public Evaluator Evaluate { get; }

    /// <summary>Compiles <paramref name="nodes"/> (leaves with a bound <see cref="RuleNode.Body"/>) starting at rule <paramref name="start"/>.</summary>
    public static FusedRun Compile(int start, IReadOnlyList<RuleNode> nodes)
    {
        if (nodes.Count is 0 or > MaxRules)
        {
            throw new ArgumentOutOfRangeException(nameof(nodes), nodes.Count, $"A run holds 1 to {MaxRules} rules");
        }

        var slots = Expression.Parameter(typeof(object?[]), "slots");
        var stopAtError = Expression.Parameter(typeof(bool), "stopAtError");
        var errors = Expression.Parameter(typeof(Exception?[]).MakeByRefType(), "errors");
        var mask = Expression.Variable(typeof(ulong), "mask");
        var exception = Expression.Variable(typeof(Exception), "ex");
        var done = Expression.Label(typeof(ulong), "done");
        var variables = new List<ParameterExpression> { mask };
        var statements = new List<Expression> { Expression.Assign(mask, Expression.Constant(0UL)) };
        for (var i = 0; i < nodes.Count; i++)
        {
            var body = nodes[i].Body!;
            var slotOf = nodes[i].SlotOf!;

            // Each rule reads its variables from the slots inside its own try, as its own delegate would.
            var reads = new List<Expression>();
            foreach (var variable in SlotLambda.UsedVariables(body, slotOf))
            {
                if (!variables.Contains(variable))
                {
                    variables.Add(variable);
                }

                reads.Add(Expression.Assign(variable, Expression.Convert(Expression.ArrayIndex(slots, Expression.Constant(slotOf[variable])), variable.Type)));
            }

            reads.Add(Expression.IfThen(body, Expression.OrAssign(mask, Expression.Constant(1UL << i))));
            statements.Add(Expression.TryCatch(
                Expression.Block(typeof(void), reads),
                Expression.Catch(exception, Expression.Block(
                    typeof(void),
                    Expression.Assign(errors, Expression.Call(typeof(FusedRun), nameof(Record), null, errors, Expression.Constant(i), Expression.Constant(nodes.Count), exception)),
                    Expression.IfThen(stopAtError, Expression.Return(done, mask))))));
        }

        statements.Add(Expression.Label(done, mask));
        var block = Expression.Block(typeof(ulong), variables, statements);
        return new FusedRun(start, nodes.Count, Expression.Lambda<Evaluator>(block, slots, stopAtError, errors).Compile());
    }

    private static Exception?[] Record(Exception?[]? errors, int index, int count, Exception exception)
    {
        errors ??= new Exception?[count];
        errors[index] = exception;
        return errors;
    }
}
