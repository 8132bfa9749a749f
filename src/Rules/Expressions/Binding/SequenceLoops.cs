using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json;
using Compliance.Rules.Expressions.Runtime;

namespace Compliance.Rules.Expressions.Binding;

/// <summary>
/// Lowers Any/All/Count to an inline foreach loop instead of Enumerable calls with a delegate: no delegate or closure
/// per evaluation (the predicate may read outer variables freely), struct enumerators where the type has one
/// (List&lt;T&gt;, JSON arrays), an index loop over arrays, and one budget unit per element visited.
/// </summary>
internal static class SequenceLoops
{
    private static readonly MethodInfo Spend = typeof(EvaluationBudget).GetMethod(nameof(EvaluationBudget.Spend))!;
    private static readonly MethodInfo MoveNext = typeof(System.Collections.IEnumerator).GetMethod(nameof(System.Collections.IEnumerator.MoveNext))!;
    private static readonly MethodInfo Dispose = typeof(IDisposable).GetMethod(nameof(IDisposable.Dispose))!;

    /// <param name="source">The sequence: an array, a typed IEnumerable&lt;T&gt;, a JsonElement, or an object holding a sequence.</param>
    /// <param name="item">The variable the predicate reads (the lambda parameter); assigned once per element.</param>
    /// <param name="predicate">A bool expression over <paramref name="item"/>, or null for "every element".</param>
    public static Expression Quantify(Expression source, ParameterExpression item, Expression? predicate, QuantifierKind kind)
    {
        var result = Expression.Variable(kind == QuantifierKind.Count ? typeof(int) : typeof(bool), "result");
        var exit = Expression.Label("exit");
        Expression onItem = kind switch
        {
            QuantifierKind.Any => predicate is null
                ? Expression.Block(Expression.Assign(result, Expression.Constant(true)), Expression.Break(exit))
                : Expression.IfThen(predicate, Expression.Block(Expression.Assign(result, Expression.Constant(true)), Expression.Break(exit))),
            QuantifierKind.All => Expression.IfThen(Expression.Not(predicate!), Expression.Block(Expression.Assign(result, Expression.Constant(false)), Expression.Break(exit))),
            _ => predicate is null ? Expression.PreIncrementAssign(result) : Expression.IfThen(predicate, Expression.PreIncrementAssign(result)),
        };
        var initial = Expression.Assign(result, kind switch
        {
            QuantifierKind.Count => Expression.Constant(0),
            QuantifierKind.All => Expression.Constant(true),
            _ => Expression.Constant(false),
        });
        var loop = ForEach(source, item, onItem, exit);
        return Expression.Block(result.Type, [result, item], initial, loop, result);
    }

    /// <summary>
    /// Sum as a loop with Enumerable.Sum's semantics: int and long overflow throws, nulls are skipped, the result of
    /// a nullable selector is nullable (0 for an empty sequence).
    /// </summary>
    public static Expression Sum(Expression source, ParameterExpression item, Expression value)
    {
        var sumType = Nullable.GetUnderlyingType(value.Type) ?? value.Type;
        var sum = Expression.Variable(sumType, "sum");
        var exit = Expression.Label("exit");
        var integral = sumType == typeof(int) || sumType == typeof(long);
        Expression Add(Expression v) => Expression.Assign(sum, integral ? Expression.AddChecked(sum, v) : Expression.Add(sum, v));
        Expression onItem;
        if (value.Type != sumType)
        {
            var current = Expression.Variable(value.Type, "value");
            onItem = Expression.Block(
                [current],
                Expression.Assign(current, value),
                Expression.IfThen(Expression.Property(current, "HasValue"), Add(Expression.Property(current, "Value"))));
        }
        else
        {
            onItem = Add(value);
        }

        Expression result = value.Type == sumType ? sum : Expression.Convert(sum, value.Type);
        return Expression.Block(
            value.Type,
            [sum, item],
            Expression.Assign(sum, Expression.Default(sumType)),
            ForEach(source, item, onItem, exit),
            result);
    }

    /// <summary>
    /// First/FirstOrDefault as a loop: the first element matching <paramref name="predicate"/> (or the first element);
    /// none found is default for FirstOrDefault and Enumerable's InvalidOperationException for First.
    /// </summary>
    public static Expression First(Expression source, ParameterExpression item, Expression? predicate, bool orDefault)
    {
        var result = Expression.Variable(item.Type, "first");
        var found = Expression.Variable(typeof(bool), "found");
        var exit = Expression.Label("exit");
        Expression take = Expression.Block(Expression.Assign(result, item), Expression.Assign(found, Expression.Constant(true)), Expression.Break(exit));
        var onItem = predicate is null ? take : Expression.IfThen(predicate, take);
        Expression none = orDefault
            ? Expression.Empty()
            : Expression.IfThen(
                Expression.Not(found),
                Expression.Throw(Expression.New(
                    typeof(InvalidOperationException).GetConstructor([typeof(string)])!,
                    Expression.Constant(predicate is null ? "Sequence contains no elements" : "Sequence contains no matching element"))));
        return Expression.Block(
            item.Type,
            [result, found, item],
            Expression.Assign(result, Expression.Default(item.Type)),
            Expression.Assign(found, Expression.Constant(false)),
            ForEach(source, item, onItem, exit),
            none,
            result);
    }

    private static Expression ForEach(Expression source, ParameterExpression item, Expression body, LabelTarget exit)
    {
        if (source.Type.IsArray)
        {
            var array = Expression.Variable(source.Type, "array");
            var index = Expression.Variable(typeof(int), "i");
            return Expression.Block(
                [array, index],
                Expression.Assign(array, source),
                Expression.Assign(index, Expression.Constant(0)),
                Expression.Loop(
                    Expression.Block(
                        Expression.IfThen(Expression.GreaterThanOrEqual(index, Expression.ArrayLength(array)), Expression.Break(exit)),
                        Expression.Call(Spend),
                        Expression.Assign(item, ConvertItem(Expression.ArrayIndex(array, index), item.Type)),
                        Expression.PostIncrementAssign(index),
                        body),
                    exit));
        }

        var enumerable = source.Type == typeof(JsonElement)
            ? Expression.Call(typeof(JsonArrays), nameof(JsonArrays.Enumerate), null, source)
            : source;
        var getEnumerator = enumerable is MethodCallExpression { Method.Name: nameof(JsonArrays.Enumerate) }
            ? null
            : FindGetEnumerator(enumerable.Type, item.Type);
        var enumeratorInit = getEnumerator is null ? enumerable : Expression.Call(enumerable, getEnumerator);
        var enumerator = Expression.Variable(enumeratorInit.Type, "e");
        var moveNext = enumerator.Type.GetMethod(nameof(System.Collections.IEnumerator.MoveNext), Type.EmptyTypes) ?? MoveNext;
        var current = enumerator.Type.GetProperty("Current") ?? typeof(IEnumerator<>).MakeGenericType(item.Type).GetProperty("Current")!;
        Expression loop = Expression.Loop(
            Expression.Block(
                Expression.IfThen(Expression.Not(Expression.Call(enumerator, moveNext)), Expression.Break(exit)),
                Expression.Call(Spend),
                Expression.Assign(item, ConvertItem(Expression.Property(enumerator, current), item.Type)),
                body),
            exit);
        if (typeof(IDisposable).IsAssignableFrom(enumerator.Type))
        {
            loop = Expression.TryFinally(loop, Expression.Call(enumerator.Type.IsValueType ? enumerator : Expression.Convert(enumerator, typeof(IDisposable)), enumerator.Type.IsValueType ? enumerator.Type.GetMethod(nameof(IDisposable.Dispose), Type.EmptyTypes) ?? Dispose : Dispose));
        }

        return Expression.Block([enumerator], Expression.Assign(enumerator, enumeratorInit), loop);
    }

    /// <summary>The public GetEnumerator of the type itself (struct enumerators, like foreach), else IEnumerable&lt;T&gt;'s.</summary>
    private static MethodInfo FindGetEnumerator(Type type, Type element)
    {
        var own = type.GetMethod(nameof(IEnumerable<int>.GetEnumerator), BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes);
        if (own is not null && own.ReturnType.GetProperty("Current")?.PropertyType == element && own.ReturnType.GetMethod("MoveNext", Type.EmptyTypes) is not null)
        {
            return own;
        }

        return typeof(IEnumerable<>).MakeGenericType(element).GetMethod(nameof(IEnumerable<int>.GetEnumerator))!;
    }

    private static Expression ConvertItem(Expression value, Type type) => value.Type == type ? value : Expression.Convert(value, type);
}
