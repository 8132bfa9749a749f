using System.Linq.Expressions;
using Compliance.Rules.Expressions.Runtime;
using Compliance.Rules.Expressions.Syntax;

namespace Compliance.Rules.Expressions.Binding;

internal sealed partial class Binder
{
    private Type? ResolveTypeName(TypeNameNode node)
    {
        if (!_types.TryGet(node.Name, out var type))
        {
            Error(node.Span, TypeSafety.IsDeniedName(node.Name) || node.Name.Contains('.', StringComparison.Ordinal)
                ? $"type '{node.Name}' is not accessible in expressions"
                : $"unknown type '{node.Name}'");
            return null;
        }

        if (type == typeof(Math) || type == typeof(Convert))
        {
            Error(node.Span, $"'{type.Name}' is not a value type");
            return null;
        }

        return node.Nullable ? NumericTypes.MakeNullable(type) : type;
    }

    private Expression? BindTypeTest(TypeTestNode node)
    {
        var operand = Bind(node.Operand);
        var type = ResolveTypeName(node.Type);
        if (operand is null || type is null)
        {
            return null;
        }

        var value = IsDynamic(operand.Type) && !IsNullLiteral(operand) ? DynamicCall(nameof(DynamicOps.ToClr), operand) : operand;
        switch (node.Kind)
        {
            case TypeTestKind.Is:
                return Expression.TypeIs(value, type);
            case TypeTestKind.As when type.IsValueType && !NumericTypes.IsNullable(type):
                return Error(node.Type.Span, $"'as' needs a reference or nullable type, not '{TypeDisplay.Name(type)}'");
            case TypeTestKind.As:
                return Expression.TypeAs(value, type);
            default:
                return ConvertExplicit(operand, type, node.Span);
        }
    }

    private Expression? BindNewArray(NewArrayNode node)
    {
        var items = BindAll(node.Items);
        Type? elementType = null;
        if (node.ElementType is { } declared)
        {
            elementType = ResolveTypeName(declared);
            if (elementType is null)
            {
                return null;
            }
        }

        if (items is null)
        {
            return null;
        }

        if (elementType is null)
        {
            elementType = items.Length == 0 ? typeof(object) : items[0].Type;
            foreach (var item in items.Skip(1))
            {
                elementType = CommonType(Expression.Default(elementType), item) ?? typeof(object);
            }

            if (items.All(IsNullLiteral))
            {
                elementType = typeof(object);
            }
        }

        var converted = new Expression[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            var c = elementType == typeof(object) ? (IsNullLiteral(items[i]) ? items[i] : AsObject(items[i])) : Coerce(items[i], elementType, node.Items[i].Span);
            if (c is null)
            {
                return null;
            }

            converted[i] = c;
        }

        // An array of constants is built once here; the expression cannot write to it.
        if (converted.All(c => c is ConstantExpression))
        {
            var array = Array.CreateInstance(elementType, converted.Length);
            for (var i = 0; i < converted.Length; i++)
            {
                array.SetValue(((ConstantExpression)converted[i]).Value, i);
            }

            return Expression.Constant(array);
        }

        return Expression.NewArrayInit(elementType, converted);
    }

    /// <summary>
    /// <c>new (a as X, b as Y)</c> becomes a string-keyed dictionary rather than an emitted type: no Reflection.Emit, and
    /// member access on it (<c>model.X</c>) and its JSON serialisation work like any other late-bound object.
    /// </summary>
    private Expression? BindNewObject(NewObjectNode node)
    {
        var comparer = _options.IsCaseSensitive ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;
        var seen = new HashSet<string>(comparer);
        var initializers = new List<ElementInit>();
        var add = typeof(Dictionary<string, object?>).GetMethod("Add")!;
        var ok = true;
        foreach (var property in node.Properties)
        {
            if (!seen.Add(property.Name))
            {
                Error(property.NameSpan, $"duplicate property '{property.Name}' in anonymous object");
                ok = false;
                continue;
            }

            var value = Bind(property.Value);
            if (value is null)
            {
                ok = false;
                continue;
            }

            var boxed = IsDynamic(value.Type) && !IsNullLiteral(value) && value.Type != typeof(object) ? DynamicCall(nameof(DynamicOps.ToClr), value) : AsObject(value);
            initializers.Add(Expression.ElementInit(add, Expression.Constant(property.Name), boxed));
        }

        if (!ok)
        {
            return null;
        }

        var ctor = typeof(Dictionary<string, object?>).GetConstructor([typeof(IEqualityComparer<string>)])!;
        return Expression.ListInit(Expression.New(ctor, Expression.Constant(comparer, typeof(IEqualityComparer<string>))), initializers);
    }
}
