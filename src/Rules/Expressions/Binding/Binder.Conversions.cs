using System.Globalization;
using System.Linq.Expressions;
using System.Text.Json;
using Compliance.Rules.Expressions.Runtime;
using Compliance.Rules.Expressions.Syntax;

namespace Compliance.Rules.Expressions.Binding;

internal sealed partial class Binder
{
    private static readonly Type[] ParsableTypes =
        [typeof(DateTime), typeof(DateTimeOffset), typeof(TimeSpan), typeof(DateOnly), typeof(TimeOnly), typeof(Guid)];

    /// <summary>Implicit conversion (arguments, array items, results): widening numerics, Nullable, boxing, dynamic to typed.</summary>
    private Expression? Coerce(Expression e, Type target, TextSpan span)
    {
        if (e.Type == target && target != typeof(object))
        {
            return e;
        }

        if (IsNullLiteral(e))
        {
            return !target.IsValueType || NumericTypes.IsNullable(target)
                ? Expression.Constant(null, target)
                : Error(span, $"cannot convert null to '{TypeDisplay.Name(target)}'");
        }

        if (target == typeof(object))
        {
            // A JSON value reaches a method taking object as a plain string, decimal or bool, not as a JsonElement.
            return IsDynamic(e.Type) ? DynamicCall(nameof(DynamicOps.ToClr), e) : Expression.Convert(e, typeof(object));
        }

        if (IsDynamic(e.Type))
        {
            return ConvertDynamic(e, target, span);
        }

        if (ImplicitCost(e, target) is not null)
        {
            return ConvertTo(e, target);
        }

        return Error(span, $"cannot convert '{TypeDisplay.Name(e.Type)}' to '{TypeDisplay.Name(target)}'");
    }

    /// <summary>How good an implicit conversion is (0 = exact), or null when there is none. Used by overload resolution.</summary>
    private static int? ImplicitCost(Expression e, Type target)
    {
        if (e.Type == target && target != typeof(object))
        {
            return 0;
        }

        if (IsNullLiteral(e))
        {
            return !target.IsValueType || NumericTypes.IsNullable(target) ? 1 : null;
        }

        if (IsDynamic(e.Type))
        {
            return target == typeof(decimal) || target == typeof(decimal?) ? 10
                : target == typeof(string) || target == typeof(bool) || target == typeof(DateTime) ? 11
                : target == typeof(object) ? 13
                : CanConvertDynamic(target) ? 12 : null;
        }

        var from = NumericTypes.StripNullable(e.Type);
        var to = NumericTypes.StripNullable(target);
        var nullablePenalty = NumericTypes.IsNullable(target) && !NumericTypes.IsNullable(e.Type) ? 1 : 0;
        if (NumericTypes.IsNullable(e.Type) && !NumericTypes.IsNullable(target))
        {
            return target == typeof(object) ? 20 : null;
        }

        if (from == to)
        {
            return nullablePenalty + 1;
        }

        if (NumericTypes.IsImplicit(from, to))
        {
            return 2 + Array.IndexOf(NumericOrder, to) - Math.Max(0, Array.IndexOf(NumericOrder, from)) + nullablePenalty;
        }

        // Like C#'s implicit constant conversions (an int literal fits a byte), plus Dynamic LINQ's real literal to decimal.
        if (e is ConstantExpression c && NumericTypes.CanAdaptLiteral(c.Value, to))
        {
            return 3 + nullablePenalty;
        }

        if (target.IsAssignableFrom(e.Type))
        {
            return target == typeof(object) ? 20 : 15;
        }

        return null;
    }

    private static readonly Type[] NumericOrder =
        [typeof(sbyte), typeof(byte), typeof(short), typeof(ushort), typeof(int), typeof(uint), typeof(long), typeof(ulong), typeof(float), typeof(double), typeof(decimal)];

    private static bool CanConvertDynamic(Type target)
    {
        var t = NumericTypes.StripNullable(target);
        return NumericTypes.IsNumeric(t) || t == typeof(string) || t == typeof(bool) || t == typeof(object) || t == typeof(char)
            || Array.IndexOf(ParsableTypes, t) >= 0;
    }

    /// <summary>Dynamic value to a CLR type through the runtime helpers: numbers via decimal, dates from ISO text, text as is.</summary>
    private Expression? ConvertDynamic(Expression e, Type target, TextSpan span)
    {
        var t = NumericTypes.StripNullable(target);
        if (target == e.Type)
        {
            return e;
        }

        if (target == typeof(object))
        {
            return DynamicCall(nameof(DynamicOps.ToClr), e);
        }

        if (t == typeof(bool))
        {
            return ConvertTo(DynamicCall(nameof(DynamicOps.ToBool), e), target);
        }

        if (NumericTypes.IsNumeric(t))
        {
            return ConvertTo(DynamicCall(nameof(DynamicOps.ToNumber), e), target);
        }

        if (t == typeof(string))
        {
            return DynamicCall(nameof(DynamicOps.ToText), e);
        }

        if (t == typeof(DateTime))
        {
            return ConvertTo(DynamicCall(nameof(DynamicOps.ToDateTime), e), target);
        }

        if (t == typeof(char) || Array.IndexOf(ParsableTypes, t) >= 0)
        {
            return ParseText(DynamicCall(nameof(DynamicOps.ToText), e), t) is { } parsed ? ConvertTo(parsed, target) : null;
        }

        if (t == typeof(JsonElement) && e.Type == typeof(object))
        {
            return Error(span, "cannot convert a late-bound value to 'JsonElement'");
        }

        return Error(span, $"cannot convert a late-bound value to '{TypeDisplay.Name(target)}'");
    }

    private static Expression? ParseText(Expression text, Type t)
    {
        if (t == typeof(char))
        {
            return Expression.Call(typeof(char).GetMethod(nameof(char.Parse), [typeof(string)])!, text);
        }

        if (t == typeof(bool))
        {
            return Expression.Call(typeof(bool).GetMethod(nameof(bool.Parse), [typeof(string)])!, text);
        }

        var withProvider = t.GetMethod("Parse", [typeof(string), typeof(IFormatProvider)]);
        return withProvider is not null
            ? Expression.Call(withProvider, text, Expression.Constant(CultureInfo.InvariantCulture, typeof(IFormatProvider)))
            : t.GetMethod("Parse", [typeof(string)]) is { } plain ? Expression.Call(plain, text) : null;
    }

    /// <summary>Explicit conversion: casts, <c>int(x)</c>, <c>DateTime("2024-03-01")</c>. Parses text, truncates reals, unboxes.</summary>
    private Expression? ConvertExplicit(Expression e, Type target, TextSpan span)
    {
        if (e.Type == target)
        {
            return e;
        }

        if (IsNullLiteral(e))
        {
            return Coerce(e, target, span);
        }

        if (IsDynamic(e.Type) && e.Type != typeof(object))
        {
            return ConvertDynamic(e, target, span);
        }

        var from = NumericTypes.StripNullable(e.Type);
        var to = NumericTypes.StripNullable(target);
        if (target == typeof(string))
        {
            return ToText(e);
        }

        if (e.Type == typeof(object))
        {
            // An object may hold anything (JSON, a boxed number): convert through the dynamic helpers.
            return ConvertDynamic(e, target, span);
        }

        if (from == typeof(string) && (NumericTypes.IsNumeric(to) || to == typeof(bool) || to == typeof(char) || Array.IndexOf(ParsableTypes, to) >= 0))
        {
            return ParseText(e, to) is { } parsed ? ConvertTo(parsed, target) : Error(span, $"cannot convert 'String' to '{TypeDisplay.Name(target)}'");
        }

        var numericLike = (Type t) => NumericTypes.IsNumeric(t) || t == typeof(char) || t.IsEnum;
        if (numericLike(from) && numericLike(to))
        {
            return ConvertTo(e, target);
        }

        if (from == to || target.IsAssignableFrom(e.Type) || (e.Type.IsAssignableFrom(target) && TypeSafety.IsAllowedType(target)))
        {
            return ConvertTo(e, target);
        }

        return Error(span, $"cannot convert '{TypeDisplay.Name(e.Type)}' to '{TypeDisplay.Name(target)}'");
    }
}
