using System.Text.Json;

namespace Compliance.Rules;

/// <summary>The context values of an action (keys case-insensitive) and the rule result that triggered it.</summary>
public class ActionContext
{
    private static readonly JsonSerializerOptions ReadOptions = new() { PropertyNameCaseInsensitive = true };

    private readonly Dictionary<string, object?> _context;
    private readonly RuleResultTree _parentResult;

    /// <summary>Creates a context.</summary>
    public ActionContext(IDictionary<string, object>? context, RuleResultTree parentResult)
    {
        _context = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        if (context is not null)
        {
            foreach (var pair in context)
            {
                _context[pair.Key] = pair.Value;
            }
        }

        _parentResult = parentResult;
    }

    /// <summary>The result of the rule whose action this is.</summary>
    public RuleResultTree GetParentRuleResult() => _parentResult;

    /// <summary>Reads a context value converted to <typeparamref name="T"/>; false when absent or not convertible.</summary>
    public bool TryGetContext<T>(string name, out T output)
    {
        try
        {
            output = GetContext<T>(name);
            return true;
        }
        catch (ArgumentException)
        {
            output = default!;
            return false;
        }
    }

    /// <summary>
    /// Reads a context value converted to <typeparamref name="T"/> (strings as they are, anything else through JSON).
    /// Throws <see cref="ArgumentException"/> when the key is absent or the value does not convert.
    /// </summary>
    public T GetContext<T>(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!_context.TryGetValue(name, out var value))
        {
            throw new ArgumentException($"Argument `{name}` was not found in the action context");
        }

        try
        {
            return Convert<T>(value);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or NotSupportedException or FormatException or InvalidCastException)
        {
            throw new ArgumentException($"Failed to convert argument `{name}` to type `{typeof(T).Name}` in the action context", ex);
        }
    }

    private static T Convert<T>(object? value)
    {
        if (value is T typed && value is not JsonElement)
        {
            return typed;
        }

        var element = value as JsonElement? ?? JsonSerializer.SerializeToElement(value);
        if (typeof(T) == typeof(string))
        {
            object text = element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();
            return (T)text;
        }

        return element.Deserialize<T>(ReadOptions)!;
    }
}
