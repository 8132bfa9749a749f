using System.Linq.Expressions;
using Compliance.Rules.Expressions.Syntax;

namespace Compliance.Rules.Expressions.Binding;

internal sealed partial class Binder
{
    private Expression? BindIn(InNode node)
    {
        var value = Bind(node.Value);
        var items = BindAll(node.Items);
        if (value is null || items is null)
        {
            return null;
        }

        // `x in list`, or `x in (list)` with a single typed sequence: membership, like list.Contains(x).
        if (items.Length == 1 && (node.IsCollection || (SequenceElementType(items[0].Type) is not null && SequenceElementType(value.Type) is null)))
        {
            return BindMembership(value, items[0], node.Items[0]);
        }

        // Evaluate the value once, then compare it with each item using the rules of ==.
        var needsTemp = value is not (ParameterExpression or ConstantExpression);
        var temp = needsTemp ? Expression.Variable(value.Type, "value") : null;
        var subject = (Expression?)temp ?? value;
        Expression? any = null;
        for (var i = 0; i < items.Length; i++)
        {
            var equal = BindComparison(BinaryOperator.Equal, subject, items[i], node.Items[i]);
            if (equal is null)
            {
                return null;
            }

            any = any is null ? equal : Expression.OrElse(any, equal);
        }

        any ??= Expression.Constant(false);
        return temp is null ? any : Expression.Block([temp], Expression.Assign(temp, value), any);
    }

    private Expression? BindMembership(Expression value, Expression collection, SyntaxNode collectionNode)
    {
        Type element;
        Expression source;
        if (IsDynamic(collection.Type))
        {
            element = collection.Type == typeof(System.Text.Json.JsonElement) ? collection.Type : typeof(object);
            source = element == typeof(object) ? DynamicCall(nameof(Runtime.DynamicOps.Elements), collection) : collection;
        }
        else if (SequenceElementType(collection.Type) is { } e)
        {
            element = e;
            source = collection;
        }
        else
        {
            return Error(collectionNode.Span, $"'in' needs a sequence or a parenthesised list, not '{OperandName(collection)}'");
        }

        var needsTemp = value is not (ParameterExpression or ConstantExpression);
        var temp = needsTemp ? Expression.Variable(value.Type, "value") : null;
        var item = Expression.Variable(element, "item");
        var equal = BindComparison(BinaryOperator.Equal, item, (Expression?)temp ?? value, collectionNode);
        if (equal is null)
        {
            return null;
        }

        var loop = SequenceLoops.Quantify(source, item, equal, QuantifierKind.Any);
        return temp is null ? loop : Expression.Block([temp], Expression.Assign(temp, value), loop);
    }
}
