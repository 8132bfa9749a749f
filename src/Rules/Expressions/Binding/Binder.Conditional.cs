using System.Linq.Expressions;
using Compliance.Rules.Expressions.Syntax;

namespace Compliance.Rules.Expressions.Binding;

internal sealed partial class Binder
{
    private Expression? BindConditional(ConditionalNode node)
    {
        var test = Bind(node.Test);
        var whenTrue = Bind(node.WhenTrue);
        var whenFalse = Bind(node.WhenFalse);
        if (test is null || whenTrue is null || whenFalse is null)
        {
            return null;
        }

        var condition = ToCondition(test);
        if (condition is null)
        {
            return Error(node.Test.Span, $"the condition of '?:' must be Boolean, not '{OperandName(test)}'");
        }

        var type = CommonType(whenTrue, whenFalse);
        if (type is null)
        {
            return Error(node.Span, $"the branches of '?:' have different types '{OperandName(whenTrue)}' and '{OperandName(whenFalse)}'");
        }

        return Expression.Condition(condition, UnifyTo(whenTrue, type), UnifyTo(whenFalse, type), type);
    }

    /// <summary>The type two values share: same type, numeric promotion, Nullable for null, a base type, or object for late-bound mixes.</summary>
    private static Type? CommonType(Expression a, Expression b)
    {
        if (a.Type == b.Type)
        {
            return a.Type;
        }

        if (IsNullLiteral(a) || IsNullLiteral(b))
        {
            var other = IsNullLiteral(a) ? b : a;
            return NumericTypes.MakeNullable(other.Type);
        }

        if (IsDynamic(a.Type) || IsDynamic(b.Type))
        {
            return typeof(object);
        }

        var l = a;
        var r = b;
        if (PromoteOperands(ref l, ref r))
        {
            return l.Type;
        }

        if (NumericTypes.StripNullable(a.Type) == NumericTypes.StripNullable(b.Type))
        {
            return NumericTypes.MakeNullable(a.Type);
        }

        return a.Type.IsAssignableFrom(b.Type) ? a.Type : b.Type.IsAssignableFrom(a.Type) ? b.Type : null;
    }

    private static Expression UnifyTo(Expression e, Type type)
    {
        if (e.Type == type)
        {
            return e;
        }

        if (IsNullLiteral(e))
        {
            return Expression.Constant(null, type);
        }

        return type == typeof(object) ? AsObject(e) : ConvertTo(e, type);
    }
}
