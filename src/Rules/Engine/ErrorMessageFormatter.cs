using System.Text.Json;
using System.Text.RegularExpressions;

namespace Compliance.Rules;

/// <summary>
/// Fills <c>$(name)</c> and <c>$(name.a.b)</c> placeholders of a rule's ErrorMessage (§5.2): <c>$(name)</c> is the
/// System.Text.Json form of the value (strings quoted), a path walks that JSON and renders scalar leaves unquoted,
/// and anything unknown is left verbatim.
/// </summary>
internal static partial class ErrorMessageFormatter
{
    public static string Format(string template, IReadOnlyDictionary<string, object> inputs)
    {
        if (!template.Contains("$(", StringComparison.Ordinal))
        {
            return template;
        }

        return Placeholder().Replace(template, match => Resolve(match.Groups[1].Value, inputs) ?? match.Value);
    }

    private static string? Resolve(string path, IReadOnlyDictionary<string, object> inputs)
    {
        var parts = path.Split('.');
        if (!inputs.TryGetValue(parts[0], out var value))
        {
            return null;
        }

        JsonElement element;
        try
        {
            element = value is JsonElement json ? json : JsonSerializer.SerializeToElement(value);
        }
        catch (Exception ex) when (ex is NotSupportedException or JsonException or InvalidOperationException)
        {
            return null;
        }

        if (parts.Length == 1)
        {
            return element.GetRawText();
        }

        for (var i = 1; i < parts.Length; i++)
        {
            if (element.ValueKind != JsonValueKind.Object || !TryGetProperty(element, parts[i], out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.String ? element.GetString() : element.GetRawText();
    }

    private static bool TryGetProperty(JsonElement element, string name, out JsonElement value)
    {
        if (element.TryGetProperty(name, out value))
        {
            return true;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"\$\((.*?)\)", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
