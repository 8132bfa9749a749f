using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Compliance.Rules;

/// <summary>
/// Decides whether a value's System.Text.Json form can no longer change, so formatting an ErrorMessage placeholder
/// from it later (<see cref="RuleResultTree.ExceptionMessage"/> on first read) gives the text RulesEngine computes at
/// execution time.
/// </summary>
/// <remarks>
/// Frozen: null, strings, the immutable scalars (finite floating-point values only), and objects whose every instance
/// field is readonly (init-only auto-properties included) and of a frozen type (sealed, as a subclass could add state),
/// whose serialized properties are all auto-properties (a computed getter might read the clock or a static), and that
/// carry no custom converter or serialization callback, and <see cref="ImmutableArray{T}"/> of frozen elements. Everything
/// else (other collections, ExpandoObject, JsonElement, whose document the caller may dispose) is formatted at execution.
/// Answers are cached per runtime type.
/// </remarks>
internal static class FrozenValues
{
    private static readonly ConcurrentDictionary<Type, bool> Cache = new();

    private static readonly HashSet<Type> Scalars =
    [
        typeof(string), typeof(decimal), typeof(DateTime), typeof(DateTimeOffset), typeof(TimeSpan), typeof(Guid),
        typeof(DateOnly), typeof(TimeOnly), typeof(Int128), typeof(UInt128), typeof(Version),
    ];

    public static bool IsFrozen(object? value) => value switch
    {
        null or string or bool or int or long or decimal => true,

        // System.Text.Json throws for NaN and infinities, and that exception must surface during execution, as it did.
        double d => double.IsFinite(d),
        float f => float.IsFinite(f),
        Half h => Half.IsFinite(h),
        _ => Cache.GetOrAdd(value.GetType(), static type => IsFrozenType(type, exact: true, [])),
    };

    /// <param name="exact">The runtime type itself (a root value) rather than a field's declared type, which a subclass could widen.</param>
    private static bool IsFrozenType(Type type, bool exact, HashSet<Type> visiting)
    {
        if (type == typeof(double) || type == typeof(float) || type == typeof(Half))
        {
            // A field's value is unknown here, and it may be one System.Text.Json refuses (see IsFrozen).
            return false;
        }

        if (type.IsPrimitive || type.IsEnum || Scalars.Contains(type))
        {
            return true;
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return IsFrozenType(underlying, exact, visiting);
        }

        // The one collection that cannot change after it is made: its elements decide. (A default instance
        // cannot be serialized at all, which reads the same at execution or later: the placeholder stays verbatim.)
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>))
        {
            return IsFrozenType(type.GetGenericArguments()[0], exact: false, visiting);
        }

        if (type == typeof(object) || type.IsArray || type.IsInterface || type.IsAbstract || type.IsPointer || type.IsByRef
            || type.ContainsGenericParameters || (!exact && !type.IsValueType && !type.IsSealed)
            || typeof(IEnumerable).IsAssignableFrom(type) || typeof(Delegate).IsAssignableFrom(type)
            || type == typeof(JsonElement) || type == typeof(JsonDocument) || typeof(JsonNode).IsAssignableFrom(type)
            || typeof(IJsonOnSerializing).IsAssignableFrom(type) || typeof(IJsonOnSerialized).IsAssignableFrom(type)
            || type.IsDefined(typeof(JsonConverterAttribute), inherit: true))
        {
            return false;
        }

        // A type met again while checking itself: its answer is decided by the outer check.
        if (!visiting.Add(type))
        {
            return true;
        }

        for (var current = type; current is not null && current != typeof(object) && current != typeof(ValueType); current = current.BaseType)
        {
            const BindingFlags Declared = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
            foreach (var field in current.GetFields(Declared))
            {
                if (!field.IsInitOnly || !IsFrozenType(field.FieldType, exact: false, visiting))
                {
                    return false;
                }
            }

            foreach (var property in current.GetProperties(Declared))
            {
                if (IsSerialized(property) && !IsAutoProperty(current, property))
                {
                    return false;
                }
            }
        }

        return true;
    }

    // What System.Text.Json reads: public getters, and non-public ones it is told to include.
    private static bool IsSerialized(PropertyInfo property) =>
        property.GetMethod is { } getter && property.GetIndexParameters().Length == 0
        && (getter.IsPublic || property.IsDefined(typeof(JsonIncludeAttribute), inherit: true));

    private static bool IsAutoProperty(Type declaring, PropertyInfo property) =>
        !property.IsDefined(typeof(JsonConverterAttribute), inherit: true)
        && property.GetMethod!.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false)
        && declaring.GetField($"<{property.Name}>k__BackingField", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.DeclaredOnly) is not null;
}
