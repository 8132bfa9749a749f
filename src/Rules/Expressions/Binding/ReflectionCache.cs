using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using Compliance.Rules.Expressions.Runtime;

namespace Compliance.Rules.Expressions.Binding;

/// <summary>
/// Reflection results the binder asks for again and again (string's methods, an input type's members, the runtime
/// helpers). Types never change, so the answers are cached for the process; binding stays thread-safe.
/// </summary>
internal static class ReflectionCache
{
    private static readonly ConcurrentDictionary<(Type Type, bool Static), MethodInfo[]> Methods = new();
    private static readonly ConcurrentDictionary<Type, MemberInfo[]> Members = new();
    private static readonly ConcurrentDictionary<(string Name, Type A, Type? B, Type? C), MethodInfo?> Helpers = new();

    public static MethodInfo[] PublicMethods(Type type, bool isStatic) =>
        Methods.GetOrAdd((type, isStatic), static key => key.Type.GetMethods(BindingFlags.Public | (key.Static ? BindingFlags.Static : BindingFlags.Instance)));

    /// <summary>Public readable instance properties (no indexers) and fields, in declaration order; interfaces include inherited ones.</summary>
    public static MemberInfo[] InstanceMembers(Type type) => Members.GetOrAdd(type, static t => [.. FindMembers(t)]);

    public static MethodInfo? Helper(string name, IReadOnlyList<Expression> args) =>
        Helpers.GetOrAdd(
            (name, args[0].Type, args.Count > 1 ? args[1].Type : null, args.Count > 2 ? args[2].Type : null),
            static (key, count) => typeof(DynamicOps).GetMethod(key.Name, [.. new[] { key.A, key.B, key.C }.Take(count).Select(t => t!)]),
            args.Count);

    private static IEnumerable<MemberInfo> FindMembers(Type type)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetMethod is { IsPublic: true } && property.GetIndexParameters().Length == 0)
            {
                yield return property;
            }
        }

        foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Instance))
        {
            yield return field;
        }

        if (type.IsInterface)
        {
            foreach (var inherited in type.GetInterfaces())
            {
                foreach (var property in inherited.GetProperties())
                {
                    yield return property;
                }
            }
        }
    }
}
