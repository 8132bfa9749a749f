using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using Compliance.Rules.Expressions.Binding;

namespace Compliance.Rules.Expressions.Runtime;

/// <summary>
/// Late-bound member access on CLR objects held in dynamic values (a POCO inside a dictionary, a DateTime, a TimeSpan).
/// Getters are compiled once per (type, name) and cached; only public instance properties and fields whose type is
/// allowed are readable, so a late-bound path cannot reach reflection either.
/// </summary>
internal static class ClrMembers
{
    private static readonly ConcurrentDictionary<(Type Type, string Name, bool IgnoreCase), Func<object, object?>?> Getters = new();

    public static object? Get(object target, string name, bool ignoreCase)
    {
        var getter = Getters.GetOrAdd((target.GetType(), name, ignoreCase), static key => Build(key.Type, key.Name, key.IgnoreCase));
        return getter is null ? null : getter(target);
    }

    private static Func<object, object?>? Build(Type type, string name, bool ignoreCase)
    {
        if (!TypeSafety.IsAllowedType(type))
        {
            return null;
        }

        var flags = BindingFlags.Public | BindingFlags.Instance | (ignoreCase ? BindingFlags.IgnoreCase : 0);
        MemberInfo? member = type.GetProperty(name, flags) is { GetMethod: not null } p && p.GetIndexParameters().Length == 0
            ? p
            : type.GetField(name, flags);
        if (member is null || !TypeSafety.IsAllowedType(member is PropertyInfo pi ? pi.PropertyType : ((FieldInfo)member).FieldType))
        {
            return null;
        }

        var parameter = Expression.Parameter(typeof(object), "target");
        var access = Expression.MakeMemberAccess(Expression.Convert(parameter, type), member);
        return Expression.Lambda<Func<object, object?>>(Expression.Convert(access, typeof(object)), parameter).Compile();
    }
}
