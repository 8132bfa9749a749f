using System.Linq.Expressions;
using System.Text.Json;

namespace Compliance.Rules;

/// <summary>A named input of an execution. Its <see cref="Type"/> is part of the compiled workflow's cache key.</summary>
public class RuleParameter
{
    private ParameterExpression? _parameterExpression;

    /// <summary>
    /// Creates a parameter typed by the value's runtime type (<see cref="object"/> for null).
    /// A <see cref="JsonElement"/> scalar is unwrapped to string, long, double, bool or null.
    /// </summary>
    public RuleParameter(string name, object? value)
        : this(name, Normalize(value), null)
    {
    }

    private RuleParameter(string name, object? value, Type? declaredType)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
        Value = value;
        Type = value?.GetType() ?? declaredType ?? typeof(object);
    }

    /// <summary>The identifier under which expressions see the value.</summary>
    public string Name { get; }

    /// <summary>The static type the workflow is compiled against.</summary>
    public Type Type { get; }

    /// <summary>The value.</summary>
    public object? Value { get; }

    /// <summary>A parameter expression of <see cref="Type"/> named <see cref="Name"/>.</summary>
    public ParameterExpression ParameterExpression => _parameterExpression ??= Expression.Parameter(Type, Name);

    /// <summary>Creates a parameter that keeps <typeparamref name="T"/> as its type when <paramref name="value"/> is null.</summary>
    public static RuleParameter Create<T>(string name, T value) => new(name, Normalize(value), typeof(T));

    /// <summary>Creates a parameter of the given type with a null value (for compiling ahead of time).</summary>
    public static RuleParameter Create(string name, Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return new RuleParameter(name, null, type);
    }

    internal static object? Normalize(object? value) => value is JsonElement element ? UnwrapScalar(element) : value;

    private static object? UnwrapScalar(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var l) ? l : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => element,
    };
}
