using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Unicode;
using System.Text.RegularExpressions;

namespace Compliance.Rules;

/// <summary>
/// Resolves one <c>$(name)</c> or <c>$(name.a.b)</c> placeholder of a rule's ErrorMessage (§5.2): <c>$(name)</c> is the
/// compact System.Text.Json form of the value (strings quoted), a path walks that JSON and renders text unquoted and
/// objects and arrays indented, and anything unknown or null at a path is left verbatim (null here).
/// </summary>
internal static partial class ErrorMessageFormatter
{
    /// <summary>The text for a placeholder whose root resolved to <paramref name="value"/>; null to leave it verbatim.</summary>
    /// <param name="path">The property names after the root (empty for <c>$(name)</c>).</param>
    public static string? Resolve(object? value, string[] path)
    {
        JsonElement element;
        try
        {
            element = value is JsonElement json ? json : JsonSerializer.SerializeToElement(value);
        }
        catch (Exception ex) when (ex is NotSupportedException or JsonException or InvalidOperationException)
        {
            return null;
        }

        if (path.Length == 0)
        {
            // Compact, whatever the layout of the JSON the input was read from.
            return JsonSerializer.Serialize(element);
        }

        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !TryGetProperty(element, name, out element))
            {
                return null;
            }
        }

        // As RulesEngine renders a path: text unquoted, null left verbatim, objects and arrays indented.
        return element.ValueKind switch
        {
            JsonValueKind.String => element.GetString(),
            JsonValueKind.Null => null,
            JsonValueKind.Object or JsonValueKind.Array => JsonSerializer.Serialize(element, Indented),
            _ => element.GetRawText(),
        };
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static bool TryGetProperty(JsonElement element, string name, out JsonElement value)
    {
        if (element.TryGetProperty(name, out value))
        {
            return true;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (NameEqualsIgnoreCase(property, name))
            {
                value = property.Value;
                return true;
            }
        }

        return false;
    }

    /// <summary><c>string.Equals(property.Name, name, OrdinalIgnoreCase)</c> without allocating the name for every property.</summary>
    private static bool NameEqualsIgnoreCase(JsonProperty property, string name)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);

        // UTF-8 takes one to three bytes per UTF-16 char; an escaped name needs unescaping, which only Name does.
        if (raw.Length < name.Length || raw.Length > 3 * name.Length)
        {
            return false;
        }

        if (raw.Length > 256 || raw.Contains((byte)'\\'))
        {
            return string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase);
        }

        Span<char> chars = stackalloc char[256];
        var status = Utf8.ToUtf16(raw, chars, out _, out var written, replaceInvalidSequences: true);
        return status == OperationStatus.Done && chars[..written].Equals(name, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>RulesEngine's placeholder pattern: <c>$(</c>, the shortest run without a line break, <c>)</c>.</summary>
    [GeneratedRegex(@"\$\((.*?)\)", RegexOptions.CultureInvariant)]
    internal static partial Regex Placeholder();
}
