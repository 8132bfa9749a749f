using System.Linq.Expressions;
using Compliance.Rules.Expressions.Runtime;
using Compliance.Rules.Expressions.Syntax;

namespace Compliance.Rules.Expressions.Binding;

internal sealed partial class Binder
{
    private static string Symbol(BinaryOperator op) => op switch
    {
        BinaryOperator.Or => "||",
        BinaryOperator.And => "&&",
        BinaryOperator.Equal => "==",
        BinaryOperator.NotEqual => "!=",
        BinaryOperator.Less => "<",
        BinaryOperator.LessEqual => "<=",
        BinaryOperator.Greater => ">",
        BinaryOperator.GreaterEqual => ">=",
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Concat => "&",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        BinaryOperator.Modulo => "%",
        _ => "??",
    };

    private static string OperandName(Expression e) => IsNullLiteral(e) ? "null" : TypeDisplay.Name(e.Type);

    private Expression? OperatorError(BinaryNode node, Expression left, Expression right) =>
        Error(node.OperatorSpan, $"operator '{Symbol(node.Operator)}' is not defined for '{OperandName(left)}' and '{OperandName(right)}'");

    private Expression? BindUnary(UnaryNode node)
    {
        var operand = Bind(node.Operand);
        if (operand is null)
        {
            return null;
        }

        var isDynamic = IsDynamic(operand.Type) && !IsNullLiteral(operand);
        switch (node.Operator)
        {
            case UnaryOperator.Not when operand.Type == typeof(bool) || operand.Type == typeof(bool?):
                return Expression.Not(operand);
            case UnaryOperator.Not when isDynamic:
                return Expression.Not(DynamicCall(nameof(DynamicOps.ToBool), operand));
            case UnaryOperator.Negate or UnaryOperator.Plus when isDynamic:
                var number = DynamicCall(nameof(DynamicOps.ToNumber), operand);
                return node.Operator == UnaryOperator.Negate ? Expression.Negate(number) : number;
            case UnaryOperator.Negate or UnaryOperator.Plus when NumericTypes.IsNumeric(NumericTypes.StripNullable(operand.Type)):
                var promoted = NumericTypes.Promote(NumericTypes.StripNullable(operand.Type), typeof(int));
                if (promoted is null || NumericTypes.StripNullable(operand.Type) == typeof(ulong))
                {
                    break;
                }

                var converted = ConvertTo(operand, NumericTypes.IsNullable(operand.Type) ? NumericTypes.MakeNullable(promoted) : promoted);
                return node.Operator == UnaryOperator.Negate ? Expression.Negate(converted) : converted;
            case UnaryOperator.Negate when NumericTypes.StripNullable(operand.Type) == typeof(TimeSpan):
                return Expression.Negate(operand);
        }

        var symbol = node.Operator switch
        {
            UnaryOperator.Not => "!",
            UnaryOperator.Negate => "-",
            _ => "+",
        };
        return Error(node.Span, $"operator '{symbol}' is not defined for '{OperandName(operand)}'");
    }

    private Expression? BindBinary(BinaryNode node)
    {
        var left = Bind(node.Left);
        var right = Bind(node.Right);
        if (left is null || right is null)
        {
            return null;
        }

        return node.Operator switch
        {
            BinaryOperator.Coalesce => BindCoalesce(node, left, right),
            BinaryOperator.And or BinaryOperator.Or => BindLogical(node, left, right),
            BinaryOperator.Equal or BinaryOperator.NotEqual or BinaryOperator.Less or BinaryOperator.LessEqual
                or BinaryOperator.Greater or BinaryOperator.GreaterEqual => BindComparison(node.Operator, left, right, node),
            BinaryOperator.Concat => Expression.Call(StringConcat, ToText(left), ToText(right)),
            _ => BindArithmetic(node, left, right),
        };
    }

    private static readonly System.Reflection.MethodInfo StringConcat = typeof(string).GetMethod(nameof(string.Concat), [typeof(string), typeof(string)])!;

    /// <summary>A value as a condition: bool; bool? with null as false; a dynamic value through ToBool.</summary>
    private static Expression? ToCondition(Expression e)
    {
        if (e.Type == typeof(bool))
        {
            return e;
        }

        if (e.Type == typeof(bool?))
        {
            return Expression.Call(e, nameof(Nullable<bool>.GetValueOrDefault), Type.EmptyTypes);
        }

        return IsDynamic(e.Type) && !IsNullLiteral(e) ? DynamicCall(nameof(DynamicOps.ToBool), e) : null;
    }

    private Expression? BindLogical(BinaryNode node, Expression left, Expression right)
    {
        var l = ToCondition(left);
        var r = ToCondition(right);
        if (l is null || r is null)
        {
            return OperatorError(node, left, right);
        }

        return node.Operator == BinaryOperator.And ? Expression.AndAlso(l, r) : Expression.OrElse(l, r);
    }

    /// <summary>Text of any value for concatenation: strings as they are, value types through ToString, the rest null-safe.</summary>
    private static Expression ToText(Expression e)
    {
        if (e.Type == typeof(string))
        {
            return e;
        }

        if (IsNullLiteral(e))
        {
            return Expression.Constant(null, typeof(string));
        }

        if (e.Type.IsValueType && !NumericTypes.IsNullable(e.Type) && e.Type != typeof(System.Text.Json.JsonElement))
        {
            return e.Type == typeof(bool) || e.Type.IsEnum || NumericTypes.IsNumeric(e.Type) || e.Type == typeof(char)
                ? Expression.Call(e, e.Type.GetMethod(nameof(ToString), Type.EmptyTypes)!)
                : DynamicCall(nameof(DynamicOps.ToText), AsObject(e));
        }

        return DynamicCall(nameof(DynamicOps.ToText), e);
    }

    private Expression? BindCoalesce(BinaryNode node, Expression left, Expression right)
    {
        if (IsNullLiteral(left))
        {
            return right;
        }

        if (IsDynamic(left.Type))
        {
            if (IsDynamic(right.Type))
            {
                var leftObject = AsObject(left);
                var temp = Expression.Variable(typeof(object), "left");
                return Expression.Block(
                    [temp],
                    Expression.Assign(temp, leftObject),
                    Expression.Condition(DynamicCall(nameof(DynamicOps.IsNull), temp), AsObject(right), temp));
            }

            if (NumericTypes.IsNumeric(NumericTypes.StripNullable(right.Type)))
            {
                // JSON numbers are decimal; the fallback joins them rather than truncating them.
                right = ConvertTo(right, NumericTypes.IsNullable(right.Type) ? typeof(decimal?) : typeof(decimal));
            }

            var target = NumericTypes.MakeNullable(right.Type);
            var converted = ConvertDynamic(left, target, node.Left.Span);
            return converted is null ? null : Expression.Coalesce(converted, right);
        }

        if (left.Type.IsValueType && !NumericTypes.IsNullable(left.Type))
        {
            return Error(node.OperatorSpan, $"the left operand of '??' is never null ('{TypeDisplay.Name(left.Type)}')");
        }

        if (IsNullLiteral(right))
        {
            return left;
        }

        var resultType = NumericTypes.StripNullable(left.Type);
        if (NumericTypes.IsNullable(right.Type) || IsDynamic(right.Type))
        {
            resultType = left.Type;
        }

        var coercedRight = Coerce(right, resultType, node.Right.Span);
        return coercedRight is null ? null : Expression.Coalesce(left, coercedRight);
    }
}
