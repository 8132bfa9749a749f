using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Compliance.Rules.Expressions.Runtime;
using Compliance.Rules.Expressions.Syntax;

namespace Compliance.Rules.Expressions.Binding;

internal sealed partial class Binder
{
    private static readonly HashSet<string> NonDeterministicMembers = new(StringComparer.OrdinalIgnoreCase) { "Now", "UtcNow", "Today" };

    /// <summary>Values whose members are looked up at run time: object, JSON, and string-keyed dictionaries (ExpandoObject).</summary>
    public static bool IsDynamic(Type type) =>
        type == typeof(object) || type == typeof(JsonElement) || typeof(JsonNode).IsAssignableFrom(type)
        || typeof(IDictionary<string, object?>).IsAssignableFrom(type) || typeof(IReadOnlyDictionary<string, object?>).IsAssignableFrom(type);

    /// <summary>JsonElement stays unboxed; every other dynamic value goes to the object overloads.</summary>
    private static Expression DynamicOperand(Expression e) => e.Type == typeof(JsonElement) ? e : AsObject(e);

    private static Expression AsObject(Expression e) => e.Type == typeof(object) ? e : Expression.Convert(e, typeof(object));

    private static MethodCallExpression DynamicCall(string name, params Expression[] args)
    {
        args[0] = DynamicOperand(args[0]);
        var method = ReflectionCache.Helper(name, args)
            ?? throw new InvalidOperationException($"no DynamicOps.{name}({string.Join(", ", args.Select(a => a.Type.Name))})");
        return Expression.Call(method, args);
    }

    private Expression? BindMember(MemberNode node)
    {
        var target = node.Target is IdentifierNode id ? BindTarget(id) : new BoundTarget(Bind(node.Target), null);
        if (target.StaticType is { } type)
        {
            return BindStaticMember(type, node.Name, node.NameSpan);
        }

        return target.Value is null ? null : NullConditional(node.NullConditional, target.Value, t => BindMemberOn(t, node.Name, node.NameSpan));
    }

    private Expression? BindMemberOn(Expression target, string name, TextSpan nameSpan)
    {
        if (IsNullLiteral(target))
        {
            return Error(nameSpan, $"cannot read member '{name}' of null");
        }

        if (IsDynamic(target.Type))
        {
            var isCount = NameEquals(name, "Count") || NameEquals(name, "Length");
            return DynamicCall(isCount ? nameof(DynamicOps.CountOrMember) : nameof(DynamicOps.Member), target, Expression.Constant(new MemberName(name, IgnoreCase)));
        }

        if (!TypeSafety.IsAllowedType(target.Type))
        {
            return Error(nameSpan, $"members of '{TypeDisplay.Name(target.Type)}' are not accessible in expressions");
        }

        if (NumericTypes.IsNullable(target.Type) && FindMember(target.Type, name) is null)
        {
            // d.Year on a DateTime?: read the member of the value (throws on null, like .Value; np() makes it null-safe).
            target = Expression.Property(target, "Value");
        }

        var member = FindMember(target.Type, name);
        if (member is null && DictionaryValueType(target.Type) is { } valueType)
        {
            // A key of a typed string-keyed dictionary reads like a member: attributes.channel.
            var helper = typeof(DictionaryMembers).GetMethod(valueType.IsValueType ? nameof(DictionaryMembers.Value) : nameof(DictionaryMembers.Reference))!
                .MakeGenericMethod(valueType);
            var dictionaryType = typeof(IReadOnlyDictionary<,>).MakeGenericType(typeof(string), valueType);
            return Expression.Call(helper, Expression.Convert(target, dictionaryType), Expression.Constant(new MemberName(name, IgnoreCase)));
        }

        if (member is null)
        {
            var available = MemberNames(target.Type).Take(25).ToList();
            return Error(nameSpan, available.Count == 0
                ? $"unknown member '{name}' on '{TypeDisplay.Name(target.Type)}'"
                : $"unknown member '{name}' on '{TypeDisplay.Name(target.Type)}'; available: {string.Join(", ", available)}");
        }

        var memberType = member is PropertyInfo p ? p.PropertyType : ((FieldInfo)member).FieldType;
        if (!TypeSafety.IsAllowedType(memberType))
        {
            return Error(nameSpan, $"member '{member.Name}' of type '{TypeDisplay.Name(memberType)}' is not accessible in expressions");
        }

        return Expression.MakeMemberAccess(target, member);
    }

    /// <summary>TValue of a typed IReadOnlyDictionary&lt;string, TValue&gt; whose values are safe to expose, else null.</summary>
    private static Type? DictionaryValueType(Type type)
    {
        var dictionary = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>));
        var args = dictionary?.GetGenericArguments();
        return args is [var key, var value] && key == typeof(string) && !NumericTypes.IsNullable(value) && TypeSafety.IsAllowedType(value) ? value : null;
    }

    private MemberInfo? FindMember(Type type, string name)
    {
        MemberInfo? found = null;
        foreach (var member in AccessibleMembers(type))
        {
            if (member.Name == name)
            {
                return member;
            }

            if (found is null && IgnoreCase && string.Equals(member.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                found = member;
            }
        }

        return found;
    }

    private static IEnumerable<MemberInfo> AccessibleMembers(Type type) =>
        TypeSafety.IsAllowedType(type) ? ReflectionCache.InstanceMembers(type) : [];

    private static IEnumerable<string> MemberNames(Type type) => AccessibleMembers(type).Select(m => m.Name).Distinct();

    private Expression? BindStaticMember(Type type, string name, TextSpan nameSpan)
    {
        if (NonDeterministicMembers.Contains(name) && (type == typeof(DateTime) || type == typeof(DateTimeOffset)))
        {
            return Error(nameSpan, $"'{type.Name}.{name}' is not available in expressions: pass the evaluation time as an input so results are reproducible");
        }

        const BindingFlags Flags = BindingFlags.Public | BindingFlags.Static;
        var flags = IgnoreCase ? Flags | BindingFlags.IgnoreCase : Flags;
        if (type.GetField(name, flags) is { } field && TypeSafety.IsAllowedType(field.FieldType))
        {
            // Constants and static readonly values are read once, at bind time.
            return field.IsLiteral || field.IsInitOnly ? Expression.Constant(field.GetValue(null), field.FieldType) : Expression.Field(null, field);
        }

        if (type.GetProperty(name, flags) is { GetMethod.IsPublic: true } property && TypeSafety.IsAllowedType(property.PropertyType))
        {
            return Expression.Property(null, property);
        }

        return Error(nameSpan, $"unknown static member '{name}' on '{TypeDisplay.Name(type)}'");
    }

    private Expression? BindIndex(IndexNode node)
    {
        var target = Bind(node.Target);
        var args = BindAll(node.Arguments);
        if (target is null || args is null)
        {
            return null;
        }

        return NullConditional(node.NullConditional, target, t => BindIndexOn(t, args, node.Span));
    }

    private Expression? BindIndexOn(Expression target, Expression[] args, TextSpan span)
    {
        if (args.Length != 1 && (IsDynamic(target.Type) || target.Type.IsArray))
        {
            return Error(span, "an indexer takes exactly one argument here");
        }

        if (IsDynamic(target.Type))
        {
            var key = args[0];
            if (key.Type == typeof(int) || NumericTypes.IsIntegral(key.Type))
            {
                var intKey = key.Type == typeof(int) ? key : Expression.Convert(key, typeof(int));
                return DynamicCall(nameof(DynamicOps.Index), target, intKey);
            }

            if (key is ConstantExpression { Value: string constantKey })
            {
                return DynamicCall(nameof(DynamicOps.Index), target, Expression.Constant(new MemberName(constantKey, IgnoreCase)));
            }

            var keyArg = key.Type == typeof(string) ? key : AsObject(key);
            return keyArg.Type == typeof(string)
                ? DynamicCall(nameof(DynamicOps.Member), target, keyArg, Expression.Constant(IgnoreCase))
                : DynamicCall(nameof(DynamicOps.Index), AsObject(target), keyArg, Expression.Constant(IgnoreCase));
        }

        if (target.Type.IsArray)
        {
            var index = Coerce(args[0], typeof(int), span);
            return index is null ? null : Expression.ArrayIndex(target, index);
        }

        var indexer = target.Type == typeof(string)
            ? typeof(string).GetProperty("Chars")
            : target.Type.GetProperties().FirstOrDefault(p => p.GetIndexParameters().Length == args.Length);
        if (indexer is null || !TypeSafety.IsAllowedType(indexer.PropertyType))
        {
            return Error(span, $"'{TypeDisplay.Name(target.Type)}' has no indexer");
        }

        var parameters = indexer.GetIndexParameters();
        var converted = new Expression[args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            if (Coerce(args[i], parameters[i].ParameterType, span) is not { } c)
            {
                return null;
            }

            converted[i] = c;
        }

        return Expression.Property(target, indexer, converted);
    }

    private Expression[]? BindAll(IEnumerable<SyntaxNode> nodes)
    {
        var bound = nodes.Select(Bind).ToArray();
        return bound.Any(b => b is null) ? null : [.. bound.Select(b => b!)];
    }

    /// <summary><c>a?.b</c>: this one access is null-safe, as inside np(...); its arguments are not.</summary>
    private Expression? NullConditional(bool nullConditional, Expression target, Func<Expression, Expression?> access) =>
        NullSafe(target, access, nullConditional || _nullPropagation > 0);

    /// <summary>Inside np(...), reading through a null reference or empty Nullable gives null instead of throwing.</summary>
    private Expression? NullSafe(Expression target, Func<Expression, Expression?> access) => NullSafe(target, access, _nullPropagation > 0);

    private static Expression? NullSafe(Expression target, Func<Expression, Expression?> access, bool nullSafe)
    {
        if (!nullSafe || (target.Type.IsValueType && !NumericTypes.IsNullable(target.Type)) || IsDynamic(target.Type))
        {
            return access(target);
        }

        var temp = Expression.Variable(target.Type, "np");
        var inner = access(NumericTypes.IsNullable(target.Type) ? Expression.Property(temp, "Value") : temp);
        if (inner is null)
        {
            return null;
        }

        var resultType = NumericTypes.MakeNullable(inner.Type);
        return Expression.Block(
            resultType,
            [temp],
            Expression.Assign(temp, target),
            Expression.Condition(
                Expression.Equal(temp, Expression.Constant(null, target.Type)),
                Expression.Default(resultType),
                inner.Type == resultType ? inner : Expression.Convert(inner, resultType)));
    }
}
