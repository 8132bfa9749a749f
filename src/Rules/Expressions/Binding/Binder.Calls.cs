using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json;
using Compliance.Rules.Expressions.Runtime;
using Compliance.Rules.Expressions.Syntax;

namespace Compliance.Rules.Expressions.Binding;

internal sealed partial class Binder
{
    private static readonly HashSet<string> DynamicStringMethods = new(StringComparer.OrdinalIgnoreCase)
    {
        "StartsWith", "EndsWith", "ToLower", "ToUpper", "ToLowerInvariant", "ToUpperInvariant", "Trim", "TrimStart", "TrimEnd",
        "Substring", "IndexOf", "LastIndexOf", "Replace", "Split", "PadLeft", "PadRight", "Equals", "CompareTo", "ToString",
        "Insert", "Remove", "IndexOfAny", "LastIndexOfAny", "ToCharArray", "Normalize", "IsNormalized",
    };

    private static readonly HashSet<string> JsonElementMethods = new(StringComparer.Ordinal)
    {
        "GetProperty", "GetString", "GetInt32", "GetInt64", "GetDecimal", "GetDouble", "GetBoolean", "GetDateTime", "GetArrayLength", "GetRawText",
    };

    private static readonly HashSet<string> CollectionMethods = new(StringComparer.Ordinal)
    {
        "Contains", "ContainsKey", "ContainsValue", "IndexOf", "LastIndexOf", "GetValueOrDefault",
    };

    private Expression? BindCall(CallNode node)
    {
        if (node.Target is null)
        {
            return BindFunction(node);
        }

        // seq.Where(p).Count() is seq.Count(p), likewise Any and FirstOrDefault: one inline loop, no
        // iterator or delegate per evaluation, the same elements visited. Not First: on no match it
        // would say "no matching element" where RulesEngine says "Sequence contains no elements".
        if (node is { NullConditional: false, Arguments.Length: 0, Target: CallNode { NullConditional: false, Target: { } source, Arguments.Length: 1 } where }
            && LinqMethodName(where.Name) == "Where" && LinqMethodName(node.Name) is "Count" or "Any" or "FirstOrDefault")
        {
            return BindCall(node with { Target = source, Arguments = where.Arguments });
        }

        var target = node.Target is IdentifierNode id ? BindTarget(id) : new BoundTarget(Bind(node.Target), null);
        if (target.StaticType is { } type)
        {
            return BindStaticCall(type, node);
        }

        return target.Value is null ? null : NullConditional(node.NullConditional, target.Value, t => BindMethodOn(t, node));
    }

    private Expression? BindFunction(CallNode node)
    {
        var name = node.Name;
        bool Is(string word) => Keywords.Matches(name, word, _options.IsCaseSensitive);
        if (Is("np"))
        {
            return BindNullPropagation(node);
        }

        if (Is("isnull") && node.Arguments.Length == 2)
        {
            var args = BindAll(node.Arguments);
            return args is null ? null : BindCoalesce(new BinaryNode(node.Span, BinaryOperator.Coalesce, node.Arguments[0], node.Arguments[1], node.NameSpan, name), args[0], args[1]);
        }

        if (Is("iif"))
        {
            return Error(node.NameSpan, $"'iif' takes 3 arguments, not {node.Arguments.Length}");
        }

        if (name is "typeof" or "nameof" or "sizeof" or "default" or "GetType")
        {
            return Error(node.NameSpan, $"'{name}' is not allowed in expressions");
        }

        if (FindVariable(name) is null && _types.TryGet(name, out var type))
        {
            return BindTypeCall(type, node);
        }

        if (_it is not null)
        {
            return BindMethodOn(_it, node);
        }

        return TypeSafety.IsDeniedName(name)
            ? Error(node.NameSpan, $"'{name}' is not accessible in expressions")
            : Error(node.NameSpan, $"unknown function '{name}'");
    }

    private Expression? BindNullPropagation(CallNode node)
    {
        if (node.Arguments.Length is < 1 or > 2)
        {
            return Error(node.NameSpan, $"'np' takes 1 or 2 arguments, not {node.Arguments.Length}");
        }

        _nullPropagation++;
        var value = Bind(node.Arguments[0]);
        _nullPropagation--;
        if (value is null || node.Arguments.Length == 1)
        {
            return value;
        }

        var fallback = Bind(node.Arguments[1]);
        if (fallback is null)
        {
            return null;
        }

        if (value.Type.IsValueType && !NumericTypes.IsNullable(value.Type))
        {
            return value;
        }

        return BindCoalesce(new BinaryNode(node.Span, BinaryOperator.Coalesce, node.Arguments[0], node.Arguments[1], node.NameSpan, "np"), value, fallback);
    }

    /// <summary><c>int(x)</c> converts; <c>DateTime(2024, 3, 1)</c> constructs (folded at bind time when the arguments are constants).</summary>
    private Expression? BindTypeCall(Type type, CallNode node)
    {
        var args = BindArguments(node);
        if (args is null)
        {
            return null;
        }

        if (type.IsAbstract || (type.IsClass && type != typeof(string) && !_types.IsCustom(type)))
        {
            return Error(node.NameSpan, $"'{type.Name}' cannot be called or constructed");
        }

        if (args.Length == 1 && (type.IsPrimitive || type == typeof(string) || type == typeof(decimal) || Array.IndexOf(ParsableTypes, type) >= 0))
        {
            return ConvertExplicit(args[0], type, node.Span);
        }

        var constructors = type.GetConstructors().Where(c => c.GetParameters().All(p => TypeSafety.IsAllowedType(p.ParameterType)));
        if (!TryResolve(constructors, args, out var ctor, out var converted))
        {
            return Error(node.NameSpan, $"no constructor of '{TypeDisplay.Name(type)}' takes ({ArgumentTypes(args)})");
        }

        var created = Expression.New((ConstructorInfo)ctor, converted);
        if (converted.All(a => a is ConstantExpression) && type.IsValueType)
        {
            try
            {
                return Expression.Constant(((ConstructorInfo)ctor).Invoke([.. converted.Select(a => ((ConstantExpression)a).Value)]), type);
            }
            catch (TargetInvocationException ex)
            {
                return Error(node.Span, $"invalid {type.Name}: {ex.InnerException?.Message}");
            }
        }

        return created;
    }

    private static string ArgumentTypes(Expression[] args) => string.Join(", ", args.Select(OperandName));

    private Expression[]? BindArguments(CallNode node)
    {
        var result = new Expression?[node.Arguments.Length];
        var ok = true;
        for (var i = 0; i < result.Length; i++)
        {
            if (node.Arguments[i] is LambdaNode lambda)
            {
                Error(lambda.Span, $"a lambda is not allowed as an argument of '{node.Name}'");
                ok = false;
                continue;
            }

            result[i] = Bind(node.Arguments[i]);
            ok &= result[i] is not null;
        }

        return ok ? [.. result.Select(r => r!)] : null;
    }

    private Expression? BindStaticCall(Type type, CallNode node)
    {
        var args = BindArguments(node);
        if (args is null)
        {
            return null;
        }

        return InvokeBest(null, type, MethodsNamed(ReflectionCache.PublicMethods(type, isStatic: true), node.Name), args, node);
    }

    private Expression? InvokeBest(Expression? instance, Type type, List<MethodInfo> candidates, Expression[] args, CallNode node)
    {
        if (candidates.Count == 0)
        {
            return Error(node.NameSpan, $"unknown method '{node.Name}' on '{TypeDisplay.Name(type)}'");
        }

        var allowed = candidates.Where(TypeSafety.IsAllowedMethod).ToList();
        if (allowed.Count == 0)
        {
            return Error(node.NameSpan, $"method '{TypeDisplay.Name(type)}.{candidates[0].Name}' is not accessible in expressions");
        }

        if (!TryResolve(allowed, args, out var method, out var converted))
        {
            if (TryResolve(candidates, args, out var refused, out _))
            {
                return Error(node.NameSpan, $"method '{TypeDisplay.Name(type)}.{refused.Name}' is not accessible in expressions");
            }

            var counts = allowed.Select(m => m.GetParameters().Length).Distinct().Order().ToList();
            return counts.Contains(args.Length)
                ? Error(node.NameSpan, $"no overload of '{TypeDisplay.Name(type)}.{allowed[0].Name}' takes ({ArgumentTypes(args)})")
                : Error(node.NameSpan, $"'{TypeDisplay.Name(type)}.{allowed[0].Name}' takes {string.Join(" or ", counts)} argument(s), not {args.Length}");
        }

        return Expression.Call(instance, (MethodInfo)method, converted);
    }

    private Expression? BindMethodOn(Expression target, CallNode node)
    {
        var name = node.Name;
        if (string.Equals(name, "GetType", StringComparison.OrdinalIgnoreCase))
        {
            return Error(node.NameSpan, $"method '{name}' is not accessible in expressions");
        }

        if (IsNullLiteral(target))
        {
            return Error(node.NameSpan, $"cannot call '{name}' on null");
        }

        if (LinqMethodName(name) is { } linqName && (IsDynamic(target.Type) || SequenceElementType(target.Type) is not null)
            && !(target.Type == typeof(string)))
        {
            if (IsDynamic(target.Type) && linqName == "Contains")
            {
                return BindDynamicContains(target, node);
            }

            return BindLinq(target, linqName, node);
        }

        var args = BindArguments(node);
        if (args is null)
        {
            return null;
        }

        if (IsDynamic(target.Type))
        {
            if (target.Type == typeof(JsonElement) && JsonElementMethods.Contains(name))
            {
                return InvokeBest(target, typeof(JsonElement), [.. ReflectionCache.PublicMethods(typeof(JsonElement), isStatic: false).Where(m => m.Name == name)], args, node);
            }

            if (DynamicStringMethods.Contains(name))
            {
                target = DynamicCall(nameof(DynamicOps.ToText), target);
            }
            else
            {
                return Error(node.NameSpan, $"method '{name}' is not available on late-bound values; convert the value first (for example Convert.ToDecimal(x))");
            }
        }

        var type = target.Type;
        var nullableOwn = NumericTypes.IsNullable(type) && (NameEquals(name, "GetValueOrDefault") || NameEquals(name, "ToString") || NameEquals(name, "Equals"));
        if (NumericTypes.IsNullable(type) && !nullableOwn)
        {
            target = Expression.Property(target, "Value");
            type = target.Type;
        }

        if (!nullableOwn && !MethodsAllowedOn(type, name))
        {
            var hint = type.Namespace == "System.Collections.Generic" || type.IsArray || (type.Namespace ?? string.Empty).StartsWith("System", StringComparison.Ordinal)
                ? string.Empty
                : $"; register '{type.Name}' in CustomTypes to call its methods";
            return Error(node.NameSpan, $"method '{name}' of '{TypeDisplay.Name(type)}' is not accessible in expressions{hint}");
        }

        var named = MethodsNamed(ReflectionCache.PublicMethods(type, isStatic: false), name);
        var candidates = named.Where(m => m.ReturnType != typeof(void)).ToList();
        if (named.Count > 0 && candidates.Count == 0)
        {
            return Error(node.NameSpan, $"method '{TypeDisplay.Name(type)}.{named[0].Name}' returns nothing; expressions cannot call methods for their side effects");
        }

        return InvokeBest(target, type, candidates, args, node);
    }

    /// <summary>
    /// Methods by name: the exact spelling, else any casing. Dynamic LINQ (so RulesEngine) finds methods
    /// whatever their casing even with IsExpressionCaseSensitive, which governs only names of variables,
    /// members and keywords.
    /// </summary>
    private static List<MethodInfo> MethodsNamed(IEnumerable<MethodInfo> methods, string name)
    {
        var all = methods.Where(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase)).ToList();
        var exact = all.Where(m => m.Name == name).ToList();
        return exact.Count > 0 ? exact : all;
    }

    /// <summary>
    /// Instance methods are callable on the predefined types, registered custom types, the inputs' own types (with
    /// their generic arguments and element types, as RulesEngine's AutoRegisterInputType does) and, read-only lookups
    /// only, generic collections. A type merely reachable through a property (input1.Connection) is readable, not
    /// callable. ToString and Equals work on any allowed type. Void methods are never callable.
    /// </summary>
    private bool MethodsAllowedOn(Type type, string name)
    {
        if (!TypeSafety.IsAllowedType(type))
        {
            return false;
        }

        if (type.Namespace == "System.Collections.Generic" || type.IsArray)
        {
            return CollectionMethods.Contains(name);
        }

        if (type.IsPrimitive || type == typeof(string) || type == typeof(decimal) || type.IsEnum || Array.IndexOf(ParsableTypes, type) >= 0 || type == typeof(JsonElement))
        {
            return true;
        }

        return name is "ToString" or "Equals" || _types.IsCustom(type) || _inputTypes.Contains(type);
    }

    /// <summary>On a late-bound value, Contains is string containment for text and membership for arrays; decided at run time.</summary>
    private Expression? BindDynamicContains(Expression target, CallNode node)
    {
        var args = BindArguments(node);
        if (args is null)
        {
            return null;
        }

        if (args.Length == 2)
        {
            // Contains(text, StringComparison) is only the string's.
            var text = DynamicCall(nameof(DynamicOps.ToText), target);
            return InvokeBest(text, typeof(string), MethodsNamed(ReflectionCache.PublicMethods(typeof(string), isStatic: false), "Contains"), args, node);
        }

        if (args.Length != 1)
        {
            return Error(node.NameSpan, $"'Contains' takes 1 or 2 arguments, not {args.Length}");
        }

        var value = IsDynamic(args[0].Type) ? DynamicCall(nameof(DynamicOps.ToClr), args[0]) : AsObject(args[0]);
        return DynamicCall(nameof(DynamicOps.Contains), target, value);
    }
}
