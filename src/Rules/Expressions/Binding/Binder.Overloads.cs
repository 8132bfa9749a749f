using System.Linq.Expressions;
using System.Reflection;

namespace Compliance.Rules.Expressions.Binding;

internal sealed partial class Binder
{
    /// <summary>
    /// Picks the candidate with the cheapest implicit conversions (exact, then widening, then dynamic, then boxing),
    /// filling optional parameters with their defaults and expanding a trailing <c>params</c> array.
    /// </summary>
    private bool TryResolve(IEnumerable<MethodBase> candidates, Expression[] args, out MethodBase best, out Expression[] converted)
    {
        best = null!;
        converted = [];
        var bestCost = int.MaxValue;
        foreach (var candidate in candidates)
        {
            if (TryMatch(candidate, args, out var cost, out var result) && cost < bestCost)
            {
                best = candidate;
                bestCost = cost;
                converted = result;
            }
        }

        return bestCost != int.MaxValue;
    }

    private bool TryMatch(MethodBase method, Expression[] args, out int cost, out Expression[] converted)
    {
        cost = 0;
        converted = [];
        var parameters = method.GetParameters();
        var isParams = parameters.Length > 0 && parameters[^1].IsDefined(typeof(ParamArrayAttribute)) && parameters[^1].ParameterType.IsArray;
        var result = new List<Expression>(parameters.Length);
        for (var i = 0; i < parameters.Length; i++)
        {
            var p = parameters[i];
            if (isParams && i == parameters.Length - 1)
            {
                // Pass an array as is, otherwise gather the remaining arguments into one.
                if (args.Length == parameters.Length && ImplicitCost(args[i], p.ParameterType) is { } direct)
                {
                    cost += direct;
                    result.Add(ConvertTo(args[i], p.ParameterType));
                    break;
                }

                var elementType = p.ParameterType.GetElementType()!;
                var items = new List<Expression>();
                for (var j = i; j < args.Length; j++)
                {
                    if (ImplicitCost(args[j], elementType) is not { } c)
                    {
                        return false;
                    }

                    cost += c + 1;
                    items.Add(CoerceQuiet(args[j], elementType));
                }

                result.Add(Expression.NewArrayInit(elementType, items));
                converted = [.. result];
                return true;
            }

            if (i >= args.Length)
            {
                if (!p.HasDefaultValue)
                {
                    return false;
                }

                result.Add(DefaultArgument(p));
                cost += 1;
                continue;
            }

            if (ImplicitCost(args[i], p.ParameterType) is { } argCost)
            {
                cost += argCost;
                result.Add(CoerceQuiet(args[i], p.ParameterType));
            }
            else if (NumericTypes.IsNullable(args[i].Type) && !p.ParameterType.IsByRef
                && ImplicitCost(Expression.Default(NumericTypes.StripNullable(args[i].Type)), p.ParameterType) is { } valueCost)
            {
                // A nullable argument (late-bound arithmetic is decimal?) passes its value, after every exact
                // overload: Math.Abs(input1.Price - 20). A null value fails at run time, as the call would in C#.
                cost += 30 + valueCost;
                result.Add(CoerceQuiet(Expression.Property(args[i], "Value"), p.ParameterType));
            }
            else
            {
                return false;
            }
        }

        if (args.Length > parameters.Length)
        {
            return false;
        }

        converted = [.. result];
        return true;
    }

    private static Expression DefaultArgument(ParameterInfo p)
    {
        var type = NumericTypes.StripNullable(p.ParameterType);
        return p.DefaultValue switch
        {
            null => Expression.Default(p.ParameterType),
            var v when type.IsEnum => Expression.Constant(Enum.ToObject(type, v), p.ParameterType),
            var v => Expression.Constant(v, p.ParameterType),
        };
    }

    // The cost check already proved the conversion exists, so this cannot report.
    private Expression CoerceQuiet(Expression e, Type target) => Coerce(e, target, default)!;
}
