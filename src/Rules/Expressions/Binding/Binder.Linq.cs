using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json;
using Compliance.Rules.Expressions.Runtime;
using Compliance.Rules.Expressions.Syntax;

namespace Compliance.Rules.Expressions.Binding;

internal sealed partial class Binder
{
    private static readonly string[] LinqMethods =
    [
        "Any", "All", "Count", "Sum", "Average", "Min", "Max", "Where", "Select", "SelectMany", "First", "FirstOrDefault",
        "Last", "LastOrDefault", "Single", "SingleOrDefault", "OrderBy", "OrderByDescending", "Take", "Skip", "Distinct",
        "Contains", "ToList", "ToArray", "Reverse",
    ];

    // Any casing, as Dynamic LINQ finds methods (see MethodsNamed).
    private static string? LinqMethodName(string name) => LinqMethods.FirstOrDefault(m => string.Equals(m, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The T of IEnumerable&lt;T&gt; for a typed sequence (not string), else null.</summary>
    private static Type? SequenceElementType(Type type)
    {
        if (type == typeof(string) || IsDynamic(type))
        {
            return null;
        }

        if (type.IsArray)
        {
            return type.GetElementType();
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>))
        {
            return type.GetGenericArguments()[0];
        }

        return type.GetInterfaces()
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            ?.GetGenericArguments()[0];
    }

    private Expression? BindLinq(Expression target, string name, CallNode node)
    {
        Expression source;
        Type element;
        Expression loopSource;
        if (IsDynamic(target.Type))
        {
            source = DynamicCall(nameof(DynamicOps.Elements), target);
            element = target.Type == typeof(JsonElement) ? typeof(JsonElement) : typeof(object);
            loopSource = target.Type == typeof(JsonElement) ? target : source;
        }
        else
        {
            element = SequenceElementType(target.Type)!;
            source = Expression.Convert(target, typeof(IEnumerable<>).MakeGenericType(element));
            loopSource = target;
        }

        var args = node.Arguments;
        if (name is "Any" or "All" or "Count" && args.Length <= 1 && !(name == "All" && args.Length == 0))
        {
            return BindQuantifier(loopSource, element, name, args);
        }

        if (name is "First" or "FirstOrDefault" && args.Length <= 1)
        {
            var orDefault = name == "FirstOrDefault";
            if (args.Length == 0)
            {
                return SequenceLoops.First(loopSource, Expression.Variable(element, "item"), null, orDefault);
            }

            var predicate = BindLambda(args[0], element, name, predicate: true);
            return predicate is null ? null : SequenceLoops.First(loopSource, predicate.Parameters[0], predicate.Body, orDefault);
        }

        if (name == "Contains" && args.Length == 1)
        {
            return BindContains(loopSource, element, args[0]);
        }

        source = Expression.Call(typeof(BudgetedSequence), nameof(BudgetedSequence.Track), [element], source);
        switch (name)
        {
            case "First" or "FirstOrDefault" or "Last" or "LastOrDefault" or "Single" or "SingleOrDefault" when args.Length == 0:
            case "Distinct" or "ToList" or "ToArray" or "Reverse" when args.Length == 0:
                if (name == "Distinct" && IsDynamic(element))
                {
                    return Expression.Call(typeof(Enumerable), name, [element], source, Expression.Constant(DynamicValueComparer.Instance, typeof(IEqualityComparer<>).MakeGenericType(element)));
                }

                return Expression.Call(typeof(Enumerable), name, [element], source);
            case "First" or "FirstOrDefault" or "Last" or "LastOrDefault" or "Single" or "SingleOrDefault" or "Where" when args.Length == 1:
                // By MethodInfo: with an object element, XxxOrDefault(source, T defaultValue) would match a predicate too.
                var predicate = BindLambda(args[0], element, name, predicate: true);
                return predicate is null ? null : Expression.Call(PredicateOverload(name).MakeGenericMethod(element), source, predicate);
            case "Select" when args.Length == 1:
                var selector = BindLambda(args[0], element, name, predicate: false);
                return selector is null ? null : Expression.Call(typeof(Enumerable), name, [element, selector.ReturnType], source, selector);
            case "SelectMany" when args.Length == 1:
                return BindSelectMany(source, element, args[0]);
            case "OrderBy" or "OrderByDescending" when args.Length == 1:
                return BindOrderBy(source, element, name, args[0]);
            case "Sum" or "Average" or "Min" or "Max" when args.Length <= 1:
                return BindAggregate(source, loopSource, element, name, args.Length == 1 ? args[0] : null, node);
            case "Take" or "Skip" when args.Length == 1:
                var count = Bind(args[0]) is { } c ? Coerce(c, typeof(int), args[0].Span) : null;
                return count is null ? null : Expression.Call(typeof(Enumerable), name, [element], source, count);
            default:
                return Error(node.NameSpan, $"'{name}' does not take {args.Length} argument(s)");
        }
    }

    private static MethodInfo PredicateOverload(string name) => typeof(Enumerable).GetMethods().Single(m =>
        m.Name == name && m.GetParameters() is [_, { ParameterType: { IsGenericType: true } predicate }]
        && predicate.GetGenericTypeDefinition() == typeof(Func<,>));

    /// <summary>
    /// A lambda argument: explicit (<c>x =&gt; x.price &gt; 100</c>) or implicit, where the element is <c>it</c>
    /// and its members are in scope (<c>price &gt; 100</c>).
    /// </summary>
    private LambdaExpression? BindLambda(SyntaxNode arg, Type element, string method, bool predicate, Func<Expression, Expression?>? shape = null)
    {
        ParameterExpression parameter;
        Expression? body;
        var savedIt = _it;
        if (arg is LambdaNode lambda)
        {
            parameter = Expression.Parameter(element, lambda.Parameter);
            _variables.Add(parameter);
            body = Bind(lambda.Body);
            _variables.RemoveAt(_variables.Count - 1);
        }
        else
        {
            parameter = Expression.Parameter(element, "it");
            _it = parameter;
            body = Bind(arg);
            _it = savedIt;
        }

        if (body is null)
        {
            return null;
        }

        var bodySpan = arg is LambdaNode l ? l.Body.Span : arg.Span;
        if (predicate)
        {
            var condition = ToCondition(body);
            if (condition is null)
            {
                return (LambdaExpression?)Error(bodySpan, $"the condition of '{method}' must be Boolean, not '{OperandName(body)}'");
            }

            body = condition;
        }
        else if (IsNullLiteral(body))
        {
            body = Expression.Constant(null, typeof(object));
        }

        if (shape is not null)
        {
            body = shape(body);
            if (body is null)
            {
                return null;
            }
        }

        return Expression.Lambda(typeof(Func<,>).MakeGenericType(element, body.Type), body, parameter);
    }

    private Expression? BindSelectMany(Expression source, Type element, SyntaxNode arg)
    {
        var selector = BindLambda(arg, element, "SelectMany", predicate: false, body =>
        {
            if (IsDynamic(body.Type))
            {
                return DynamicCall(nameof(DynamicOps.Elements), body);
            }

            var inner = SequenceElementType(body.Type);
            return inner is null
                ? Error(arg.Span, $"the selector of 'SelectMany' must return a sequence, not '{OperandName(body)}'")
                : Expression.Convert(body, typeof(IEnumerable<>).MakeGenericType(inner));
        });
        if (selector is null)
        {
            return null;
        }

        var resultElement = selector.ReturnType.GetGenericArguments()[0];
        return Expression.Call(typeof(Enumerable), "SelectMany", [element, resultElement], source, selector);
    }

    private Expression? BindOrderBy(Expression source, Type element, string name, SyntaxNode arg)
    {
        var key = BindLambda(arg, element, name, predicate: false);
        if (key is null)
        {
            return null;
        }

        if (IsDynamic(key.ReturnType))
        {
            // Late-bound keys sort as numbers, text or dates through the dynamic comparer.
            var objectKey = Expression.Lambda(typeof(Func<,>).MakeGenericType(element, typeof(object)), AsObject(key.Body), key.Parameters);
            return Expression.Call(typeof(Enumerable), name, [element, typeof(object)], source, objectKey, Expression.Constant(DynamicValueComparer.Instance, typeof(IComparer<object>)));
        }

        return Expression.Call(typeof(Enumerable), name, [element, key.ReturnType], source, key);
    }

    private static readonly Type[] SummableTypes = [typeof(int), typeof(long), typeof(float), typeof(double), typeof(decimal)];

    /// <summary>Sum/Average/Min/Max with or without a selector; late-bound values aggregate as decimal.</summary>
    private Expression? BindAggregate(Expression source, Expression loopSource, Type element, string name, SyntaxNode? arg, CallNode node)
    {
        var parameter = Expression.Parameter(element, "it");
        var selector = arg is null
            ? Expression.Lambda(typeof(Func<,>).MakeGenericType(element, element), parameter, parameter)
            : BindLambda(arg, element, name, predicate: false);
        if (selector is null)
        {
            return null;
        }

        var body = selector.Body;
        var valueType = NumericTypes.StripNullable(body.Type);
        if (IsDynamic(body.Type))
        {
            body = DynamicCall(nameof(DynamicOps.ToNumber), body);
        }
        else if (name is "Sum" or "Average")
        {
            if (!NumericTypes.IsNumeric(valueType))
            {
                return Error(node.NameSpan, $"'{name}' needs numbers, not '{OperandName(body)}'");
            }

            if (Array.IndexOf(SummableTypes, valueType) < 0)
            {
                var target = NumericTypes.IsIntegral(valueType) && valueType != typeof(ulong) && valueType != typeof(uint) ? typeof(int) : typeof(decimal);
                body = ConvertTo(body, NumericTypes.IsNullable(body.Type) ? NumericTypes.MakeNullable(target) : target);
            }
        }

        if (name == "Sum")
        {
            // An inline loop: no delegate or closure per evaluation.
            return SequenceLoops.Sum(loopSource, selector.Parameters[0], body);
        }

        var lambda = Expression.Lambda(typeof(Func<,>).MakeGenericType(element, body.Type), body, selector.Parameters);
        var isBuiltIn = Array.IndexOf(SummableTypes, NumericTypes.StripNullable(body.Type)) >= 0;
        return name is "Sum" or "Average" || isBuiltIn
            ? Expression.Call(typeof(Enumerable), name, [element], source, lambda)
            : Expression.Call(typeof(Enumerable), name, [element, body.Type], source, lambda);
    }

    /// <summary>Any/All/Count become inline loops (see <see cref="SequenceLoops"/>): no delegate, no closure per evaluation.</summary>
    private Expression? BindQuantifier(Expression source, Type element, string name, System.Collections.Immutable.ImmutableArray<SyntaxNode> args)
    {
        var kind = name switch
        {
            "Any" => QuantifierKind.Any,
            "All" => QuantifierKind.All,
            _ => QuantifierKind.Count,
        };
        if (args.Length == 0)
        {
            return SequenceLoops.Quantify(source, Expression.Variable(element, "item"), null, kind);
        }

        var predicate = BindLambda(args[0], element, name, predicate: true);
        return predicate is null ? null : SequenceLoops.Quantify(source, predicate.Parameters[0], predicate.Body, kind);
    }

    /// <summary><c>seq.Contains(v)</c> is <c>seq.Any(e =&gt; e == v)</c>, so it gets the same conversions as <c>==</c>.</summary>
    private Expression? BindContains(Expression source, Type element, SyntaxNode arg)
    {
        var value = Bind(arg);
        if (value is null)
        {
            return null;
        }

        // The value is computed once, before the loop.
        var needsTemp = value is not (ParameterExpression or ConstantExpression);
        var temp = needsTemp ? Expression.Variable(value.Type, "value") : null;
        var item = Expression.Variable(element, "item");
        var equal = BindComparison(BinaryOperator.Equal, item, (Expression?)temp ?? value, arg);
        if (equal is null)
        {
            return null;
        }

        var loop = SequenceLoops.Quantify(source, item, equal, QuantifierKind.Any);
        return temp is null ? loop : Expression.Block([temp], Expression.Assign(temp, value), loop);
    }
}
