using System.Linq.Expressions;
using Compliance.Rules.Expressions.Runtime;
using Compliance.Rules.Expressions.Syntax;

namespace Compliance.Rules.Expressions.Binding;

internal sealed partial class Binder
{
    private static ExpressionType ToExpressionType(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => ExpressionType.Add,
        BinaryOperator.Subtract => ExpressionType.Subtract,
        BinaryOperator.Multiply => ExpressionType.Multiply,
        BinaryOperator.Divide => ExpressionType.Divide,
        _ => ExpressionType.Modulo,
    };

    private static ArithmeticKind ToArithmeticKind(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => ArithmeticKind.Add,
        BinaryOperator.Subtract => ArithmeticKind.Subtract,
        BinaryOperator.Multiply => ArithmeticKind.Multiply,
        BinaryOperator.Divide => ArithmeticKind.Divide,
        _ => ArithmeticKind.Modulo,
    };

    private Expression? BindArithmetic(BinaryNode node, Expression left, Expression right)
    {
        if (node.Operator == BinaryOperator.Add && (left.Type == typeof(string) || right.Type == typeof(string)))
        {
            return Expression.Call(StringConcat, ToText(left), ToText(right));
        }

        var leftDynamic = IsDynamic(left.Type) && !IsNullLiteral(left);
        var rightDynamic = IsDynamic(right.Type) && !IsNullLiteral(right);
        if (leftDynamic && rightDynamic)
        {
            var json = left.Type == typeof(System.Text.Json.JsonElement) && right.Type == typeof(System.Text.Json.JsonElement);
            return Expression.Call(
                typeof(DynamicOps).GetMethod(nameof(DynamicOps.Arithmetic), [json ? left.Type : typeof(object), json ? right.Type : typeof(object), typeof(ArithmeticKind)])!,
                json ? left : AsObject(left),
                json ? right : AsObject(right),
                Expression.Constant(ToArithmeticKind(node.Operator)));
        }

        if (leftDynamic || rightDynamic)
        {
            return BindMixedArithmetic(node, left, right, leftDynamic);
        }

        if (IsNullLiteral(left) || IsNullLiteral(right))
        {
            // C#: null + 1 is an int? null.
            var other = IsNullLiteral(left) ? right : left;
            if (IsNullLiteral(other) || !other.Type.IsValueType)
            {
                return OperatorError(node, left, right);
            }

            var nullable = NumericTypes.MakeNullable(other.Type);
            left = IsNullLiteral(left) ? Expression.Constant(null, nullable) : left;
            right = IsNullLiteral(right) ? Expression.Constant(null, nullable) : right;
        }

        if (PromoteOperands(ref left, ref right))
        {
            return Expression.MakeBinary(ToExpressionType(node.Operator), left, right);
        }

        return TryUserOperator(ToExpressionType(node.Operator), left, right) ?? OperatorError(node, left, right);
    }

    private Expression? BindMixedArithmetic(BinaryNode node, Expression left, Expression right, bool leftDynamic)
    {
        var other = leftDynamic ? right : left;
        var otherType = NumericTypes.StripNullable(other.Type);
        Expression? l;
        Expression? r;
        if (NumericTypes.IsNumeric(otherType) || IsNullLiteral(other))
        {
            // JSON numbers are decimal, so the typed side joins them as decimal (exact for money).
            l = leftDynamic ? DynamicCall(nameof(DynamicOps.ToNumber), left) : ToNullableDecimal(left);
            r = leftDynamic ? ToNullableDecimal(right) : DynamicCall(nameof(DynamicOps.ToNumber), right);
        }
        else if (otherType == typeof(DateTime) || (otherType == typeof(TimeSpan) && leftDynamic))
        {
            l = leftDynamic ? DynamicCall(nameof(DynamicOps.ToDateTime), left) : ConvertTo(left, typeof(DateTime?));
            r = leftDynamic ? ConvertTo(right, NumericTypes.MakeNullable(otherType)) : DynamicCall(nameof(DynamicOps.ToDateTime), right);
        }
        else
        {
            return OperatorError(node, left, right);
        }

        return TryUserOperator(ToExpressionType(node.Operator), l, r) ?? OperatorError(node, left, right);
    }

    private static Expression ToNullableDecimal(Expression e) => IsNullLiteral(e) ? Expression.Constant(null, typeof(decimal?)) : ConvertTo(e, typeof(decimal?));

    /// <summary>
    /// Applies numeric promotion to two operands (adapting a constant to the other side's type first, as Dynamic LINQ does
    /// with <c>amount &gt; 10.5</c> on a decimal), lifting both to Nullable when either is. False when not both numeric.
    /// </summary>
    private static bool PromoteOperands(ref Expression left, ref Expression right)
    {
        var ls = NumericTypes.StripNullable(left.Type);
        var rs = NumericTypes.StripNullable(right.Type);
        if (ls == typeof(char))
        {
            ls = typeof(int);
        }

        if (rs == typeof(char))
        {
            rs = typeof(int);
        }

        if (!NumericTypes.IsNumeric(ls) || !NumericTypes.IsNumeric(rs))
        {
            return false;
        }

        // Between two constants only an int adapts, or a real next to a decimal (0.5m + 0.25, as in Dynamic LINQ).
        Type? target = null;
        if (left is ConstantExpression lc && (right is not ConstantExpression || lc.Value is int || (lc.Value is double && rs == typeof(decimal)))
            && NumericTypes.CanAdaptLiteral(lc.Value, rs))
        {
            target = rs;
        }
        else if (right is ConstantExpression rc && (left is not ConstantExpression || rc.Value is int || (rc.Value is double && ls == typeof(decimal)))
            && NumericTypes.CanAdaptLiteral(rc.Value, ls))
        {
            // C# converts an int constant to the other operand's type (1U + 1 is a uint, b == 5 on a byte).
            target = ls;
        }

        target ??= NumericTypes.Promote(ls, rs);
        if (target is null)
        {
            return false;
        }

        if (target != typeof(decimal) && target != typeof(double) && target != typeof(float) && target != typeof(long) && target != typeof(ulong) && target != typeof(uint))
        {
            // Byte, short and the like compute as int in C#.
            target = typeof(int);
        }

        var lifted = NumericTypes.IsNullable(left.Type) || NumericTypes.IsNullable(right.Type);
        var finalType = lifted ? NumericTypes.MakeNullable(target) : target;
        left = ConvertTo(left, finalType);
        right = ConvertTo(right, finalType);
        return true;
    }

    /// <summary>Operators defined by the types themselves (DateTime - DateTime, DateTime + TimeSpan), lifted over Nullable.</summary>
    private static Expression? TryUserOperator(ExpressionType op, Expression left, Expression right)
    {
        if (NumericTypes.IsNullable(left.Type) != NumericTypes.IsNullable(right.Type))
        {
            left = ConvertTo(left, NumericTypes.MakeNullable(left.Type));
            right = ConvertTo(right, NumericTypes.MakeNullable(right.Type));
        }

        try
        {
            return Expression.MakeBinary(op, left, right);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Expression.Convert that folds constants at bind time, so generated code carries pre-converted values.</summary>
    private static Expression ConvertTo(Expression e, Type type)
    {
        if (e.Type == type)
        {
            return e;
        }

        if (e is ConstantExpression c)
        {
            if (c.Value is null)
            {
                return Expression.Constant(null, type);
            }

            var underlying = NumericTypes.StripNullable(type);
            if (c.Value.GetType() == underlying)
            {
                return Expression.Constant(c.Value, type);
            }

            if (NumericTypes.TryAdaptConstant(c.Value, underlying, out var adapted) || TryChange(c.Value, underlying, out adapted))
            {
                return Expression.Constant(adapted, type);
            }
        }

        return Expression.Convert(e, type);
    }

    private static bool TryChange(object value, Type type, out object? converted)
    {
        converted = null;
        // Only integral sources fold: a fractional value must truncate at run time exactly as Expression.Convert does.
        if (!(NumericTypes.IsNumeric(type) || type == typeof(char)) || !(NumericTypes.IsIntegral(value.GetType()) || value is char))
        {
            return false;
        }

        try
        {
            // Convert has no char to decimal/double; go through the char's code as C# does.
            converted = Convert.ChangeType(value is char c ? (int)c : value, type, System.Globalization.CultureInfo.InvariantCulture);
            return true;
        }
        catch (Exception ex) when (ex is OverflowException or InvalidCastException)
        {
            return false;
        }
    }
}
