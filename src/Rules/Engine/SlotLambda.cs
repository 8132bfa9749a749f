using System.Linq.Expressions;

namespace Compliance.Rules;

/// <summary>
/// Turns a bound expression body into a delegate over the execution's slot array. Every variable the body reads is
/// declared as a typed local and cast from its slot once on entry, so the body itself runs on typed values.
/// </summary>
internal static class SlotLambda
{
    // A scoped param that is a condition goes into its slot as one of two shared boxes, not a new one per execution.
    private static readonly Expression TrueBox = Expression.Constant(true, typeof(object));
    private static readonly Expression FalseBox = Expression.Constant(false, typeof(object));

    public static Func<object?[], TResult> Compile<TResult>(Expression body, IReadOnlyDictionary<ParameterExpression, int> slotOf)
    {
        var slots = Expression.Parameter(typeof(object?[]), "slots");
        var used = UsedVariables(body, slotOf);
        var statements = new List<Expression>(used.Count + 1);
        foreach (var variable in used)
        {
            var read = Expression.ArrayIndex(slots, Expression.Constant(slotOf[variable]));
            statements.Add(Expression.Assign(variable, Expression.Convert(read, variable.Type)));
        }

        statements.Add(body.Type == typeof(TResult) ? body
            : body.Type == typeof(bool) && typeof(TResult) == typeof(object) ? Expression.Condition(body, TrueBox, FalseBox, typeof(object))
            : Expression.Convert(body, typeof(TResult)));
        var block = Expression.Block(typeof(TResult), used, statements);
        return Expression.Lambda<Func<object?[], TResult>>(block, slots).Compile();
    }

    /// <summary>The variables with a slot that <paramref name="body"/> reads, in order of first use.</summary>
    public static List<ParameterExpression> UsedVariables(Expression body, IReadOnlyDictionary<ParameterExpression, int> slotOf) =>
        new Collector(slotOf).Collect(body);

    private sealed class Collector(IReadOnlyDictionary<ParameterExpression, int> slotOf) : ExpressionVisitor
    {
        private readonly List<ParameterExpression> _used = [];

        public List<ParameterExpression> Collect(Expression body)
        {
            Visit(body);
            return _used;
        }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            if (slotOf.ContainsKey(node) && !_used.Contains(node))
            {
                _used.Add(node);
            }

            return node;
        }
    }
}
