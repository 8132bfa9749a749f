using System.Globalization;
using System.Linq.Expressions;
using Compliance.Rules.Expressions.Runtime;
using Compliance.Rules.Expressions.Syntax;

namespace Compliance.Rules.Expressions.Binding;

internal sealed partial class Binder
{
    private static readonly System.Reflection.MethodInfo CompareOrdinal = typeof(string).GetMethod(nameof(string.CompareOrdinal), [typeof(string), typeof(string)])!;

    private static ComparisonKind ToComparisonKind(BinaryOperator op) => op switch
    {
        BinaryOperator.Equal => ComparisonKind.Equal,
        BinaryOperator.NotEqual => ComparisonKind.NotEqual,
        BinaryOperator.Less => ComparisonKind.Less,
        BinaryOperator.LessEqual => ComparisonKind.LessEqual,
        BinaryOperator.Greater => ComparisonKind.Greater,
        _ => ComparisonKind.GreaterEqual,
    };

    private static ExpressionType ToExpressionType(ComparisonKind kind) => kind switch
    {
        ComparisonKind.Equal => ExpressionType.Equal,
        ComparisonKind.NotEqual => ExpressionType.NotEqual,
        ComparisonKind.Less => ExpressionType.LessThan,
        ComparisonKind.LessEqual => ExpressionType.LessThanOrEqual,
        ComparisonKind.Greater => ExpressionType.GreaterThan,
        _ => ExpressionType.GreaterThanOrEqual,
    };

    private static ComparisonKind Mirror(ComparisonKind kind) => kind switch
    {
        ComparisonKind.Less => ComparisonKind.Greater,
        ComparisonKind.LessEqual => ComparisonKind.GreaterEqual,
        ComparisonKind.Greater => ComparisonKind.Less,
        ComparisonKind.GreaterEqual => ComparisonKind.LessEqual,
        _ => kind,
    };

    /// <summary>Binds ==, !=, &lt;, &lt;=, &gt;, &gt;= (also used by <c>in</c> and <c>Contains</c>); <paramref name="node"/> places the diagnostic.</summary>
    private Expression? BindComparison(BinaryOperator op, Expression left, Expression right, SyntaxNode node)
    {
        var kind = ToComparisonKind(op);
        var equality = kind is ComparisonKind.Equal or ComparisonKind.NotEqual;
        var leftNull = IsNullLiteral(left);
        var rightNull = IsNullLiteral(right);
        if (leftNull && rightNull)
        {
            // C#: null == null is true; != and the relational operators are false.
            return Expression.Constant(kind == ComparisonKind.Equal);
        }

        if ((IsDynamic(left.Type) && !leftNull) || (IsDynamic(right.Type) && !rightNull))
        {
            return BindDynamicComparison(kind, left, right, node);
        }

        if (leftNull || rightNull)
        {
            var other = leftNull ? right : left;
            if (!equality && !NumericTypes.IsNullable(NumericTypes.MakeNullable(other.Type)))
            {
                return ComparisonError(op, left, right, node);
            }

            var type = NumericTypes.MakeNullable(other.Type);
            var nullLeft = leftNull ? Expression.Constant(null, type) : ConvertTo(other, type);
            var nullRight = leftNull ? ConvertTo(other, type) : Expression.Constant(null, type);
            return TryUserOperator(ToExpressionType(kind), nullLeft, nullRight) ?? ComparisonError(op, left, right, node);
        }

        AdaptEnumAndDateConstants(ref left, ref right);
        AdaptEnumAndDateConstants(ref right, ref left);
        if ((EnumNameError(left, right) ?? EnumNameError(right, left)) is { } enumError)
        {
            return Error(node is BinaryNode bn ? (right is ConstantExpression { Value: string } ? bn.Right.Span : bn.Left.Span) : node.Span, enumError);
        }

        var ls = NumericTypes.StripNullable(left.Type);
        var rs = NumericTypes.StripNullable(right.Type);
        if (ls.IsEnum || rs.IsEnum)
        {
            if (ls.IsEnum && rs.IsEnum && ls != rs)
            {
                return ComparisonError(op, left, right, node);
            }

            left = EnumToUnderlying(left);
            right = EnumToUnderlying(right);
        }

        if (left.Type == typeof(string) && right.Type == typeof(string))
        {
            if (equality && (CaseFolded(left, right) ?? CaseFolded(right, left)) is { } folded)
            {
                return kind == ComparisonKind.Equal ? folded : Expression.Not(folded);
            }

            return equality
                ? Expression.MakeBinary(ToExpressionType(kind), left, right)
                : Expression.MakeBinary(ToExpressionType(kind), Expression.Call(CompareOrdinal, left, right), Expression.Constant(0));
        }

        AdaptIntegralConstant(ref left, right);
        AdaptIntegralConstant(ref right, left);
        var l = left;
        var r = right;
        if (PromoteOperands(ref l, ref r))
        {
            return Expression.MakeBinary(ToExpressionType(kind), l, r);
        }

        if (NumericTypes.StripNullable(left.Type) == NumericTypes.StripNullable(right.Type) || (equality && !left.Type.IsValueType && !right.Type.IsValueType
            && (left.Type.IsAssignableFrom(right.Type) || right.Type.IsAssignableFrom(left.Type))))
        {
            if (TryUserOperator(ToExpressionType(kind), left, right) is { } compared)
            {
                return compared;
            }
        }

        return ComparisonError(op, left, right, node);
    }

    /// <summary>
    /// <c>x.ToUpper() == "ABC"</c> (or ToLower and "abc") as <see cref="CaseFolding"/>'s call, which gives the same answer
    /// without making the upper-cased copy; null when the comparison is not of that form.
    /// </summary>
    private static Expression? CaseFolded(Expression call, Expression other)
    {
        if (call is not MethodCallExpression { Object: { } text, Arguments.Count: 0 } method || method.Method.DeclaringType != typeof(string)
            || other is not ConstantExpression { Value: string literal } || !System.Text.Ascii.IsValid(literal))
        {
            return null;
        }

        return method.Method.Name switch
        {
            nameof(string.ToUpper) when literal == literal.ToUpperInvariant() => Expression.Call(typeof(CaseFolding), nameof(CaseFolding.UpperEquals), null, text, other),
            nameof(string.ToLower) when literal == literal.ToLowerInvariant() => Expression.Call(typeof(CaseFolding), nameof(CaseFolding.LowerEquals), null, text, other),
            _ => null,
        };
    }

    private Expression? ComparisonError(BinaryOperator op, Expression left, Expression right, SyntaxNode node)
    {
        var span = node is BinaryNode b ? b.OperatorSpan : node.Span;
        return Error(span, $"operator '{Symbol(op)}' is not defined for '{OperandName(left)}' and '{OperandName(right)}'");
    }

    private static Expression EnumToUnderlying(Expression e)
    {
        var s = NumericTypes.StripNullable(e.Type);
        if (!s.IsEnum)
        {
            return e;
        }

        var underlying = Enum.GetUnderlyingType(s);
        if (e is ConstantExpression c)
        {
            return Expression.Constant(c.Value is null ? null : Convert.ChangeType(c.Value, underlying, CultureInfo.InvariantCulture), NumericTypes.IsNullable(e.Type) ? NumericTypes.MakeNullable(underlying) : underlying);
        }

        return Expression.Convert(e, NumericTypes.IsNullable(e.Type) ? NumericTypes.MakeNullable(underlying) : underlying);
    }

    private static string? EnumNameError(Expression value, Expression constant)
    {
        var type = NumericTypes.StripNullable(value.Type);
        return type.IsEnum && constant is ConstantExpression { Value: string text }
            ? $"'{text}' is not a value of enum '{type.Name}'; values: {string.Join(", ", Enum.GetNames(type))}"
            : null;
    }

    /// <summary>
    /// An integral constant compared with another integral type takes that type when its value fits
    /// (<c>quantity == 3UL</c> on a long: Dynamic LINQ accepts it, C# has no common type). Comparisons
    /// only: in arithmetic a narrower type could overflow.
    /// </summary>
    private static void AdaptIntegralConstant(ref Expression constant, Expression other)
    {
        var otherType = NumericTypes.StripNullable(other.Type);
        if (constant is ConstantExpression { Value: { } value } && other is not ConstantExpression && NumericTypes.IsIntegral(value.GetType())
            && NumericTypes.IsIntegral(otherType) && value.GetType() != otherType && NumericTypes.Promote(value.GetType(), otherType) is null
            && NumericTypes.TryAdaptConstant(value, otherType, out var adapted))
        {
            constant = Expression.Constant(adapted, otherType);
        }
    }

    /// <summary>A string constant compared with an enum or a date becomes a constant of that type, parsed once at bind time.</summary>
    private void AdaptEnumAndDateConstants(ref Expression value, ref Expression constant)
    {
        if (constant is not ConstantExpression { Value: string text })
        {
            return;
        }

        var type = NumericTypes.StripNullable(value.Type);
        if (type.IsEnum)
        {
            if (Enum.TryParse(type, text, IgnoreCase, out var parsed) && Enum.IsDefined(type, parsed!))
            {
                constant = Expression.Constant(parsed, type);
            }
        }
        else if (type == typeof(DateTime) && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var date))
        {
            constant = Expression.Constant(date);
        }
        else if (type == typeof(DateTimeOffset) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var offset))
        {
            constant = Expression.Constant(offset);
        }
        else if (type == typeof(DateOnly) && DateOnly.TryParse(text, CultureInfo.InvariantCulture, out var day))
        {
            constant = Expression.Constant(day);
        }
        else if (type == typeof(Guid) && Guid.TryParse(text, out var guid))
        {
            constant = Expression.Constant(guid);
        }
        else if (NumericTypes.IsNumeric(type) && TryParseNumber(text, type, out var number))
        {
            // Dynamic LINQ converts a numeric string literal to the member's type: age == "30".
            constant = Expression.Constant(number, type);
        }
        else if (type == typeof(bool) && bool.TryParse(text, out var flag))
        {
            // Likewise active == "true".
            constant = Expression.Constant(flag);
        }
        else if (type == typeof(char) && text.Length == 1)
        {
            // name[0] == "I": a one-character string literal is that character.
            constant = Expression.Constant(text[0]);
        }
    }

    private Expression? BindDynamicComparison(ComparisonKind kind, Expression left, Expression right, SyntaxNode node)
    {
        var leftDynamic = IsDynamic(left.Type) && !IsNullLiteral(left);
        var dynamicSide = leftDynamic ? left : right;
        var other = leftDynamic ? right : left;
        if (!leftDynamic)
        {
            kind = Mirror(kind);
        }

        if (IsNullLiteral(other))
        {
            return kind switch
            {
                ComparisonKind.Equal => DynamicCall(nameof(DynamicOps.IsNull), dynamicSide),
                ComparisonKind.NotEqual => Expression.Not(DynamicCall(nameof(DynamicOps.IsNull), dynamicSide)),
                _ => Expression.Constant(false),
            };
        }

        Expression argument;
        var otherType = NumericTypes.StripNullable(other.Type);
        if (IsDynamic(other.Type))
        {
            argument = dynamicSide.Type == typeof(System.Text.Json.JsonElement) ? DynamicOperand(other) : AsObject(other);
        }
        else if (NumericTypes.IsNumeric(otherType))
        {
            argument = ConvertTo(other, typeof(decimal?));
        }
        else if (otherType == typeof(string) || otherType == typeof(bool) || otherType == typeof(DateTime))
        {
            argument = ConvertTo(other, NumericTypes.MakeNullable(otherType));
        }
        else if (otherType == typeof(char))
        {
            // A character compares with late-bound text as the one-character string it is.
            argument = other is ConstantExpression { Value: char c } ? Expression.Constant(c.ToString()) : Expression.Call(other, nameof(ToString), Type.EmptyTypes);
        }
        else
        {
            argument = AsObject(other);
        }

        return DynamicCall(nameof(DynamicOps.Compare), dynamicSide, argument, Expression.Constant(kind));
    }

    private static bool TryParseNumber(string text, Type type, out object? number)
    {
        number = null;
        if (!decimal.TryParse(text, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        return NumericTypes.TryAdaptConstant(value, type, out number) || (type == typeof(double) || type == typeof(float)) && TryReal(value, type, out number);
    }

    private static bool TryReal(decimal value, Type type, out object? number)
    {
        number = type == typeof(double) ? (double)value : (float)value;
        return true;
    }
}
