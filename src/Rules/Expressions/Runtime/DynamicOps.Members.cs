using System.Collections;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Compliance.Rules.Expressions.Runtime;

internal static partial class DynamicOps
{
    public static JsonElement Member(JsonElement target, string name, bool ignoreCase) => Member(target, new MemberName(name, ignoreCase));

    public static JsonElement Member(JsonElement target, MemberName name)
    {
        if (target.ValueKind != JsonValueKind.Object)
        {
            return default;
        }

        if (target.TryGetProperty(name.Name, out var value)
            || (name.Camel is not null && target.TryGetProperty(name.Camel, out value))
            || (name.Pascal is not null && target.TryGetProperty(name.Pascal, out value)))
        {
            return value;
        }

        return name.IgnoreCase ? ScanIgnoringCase(target, name) : default;
    }

    // A missing member (input1.typo == null) ends here, so compare raw UTF-8 names without allocating them;
    // only names with escapes or non-ASCII text are decoded.
    private static JsonElement ScanIgnoringCase(JsonElement target, MemberName name)
    {
        foreach (var property in target.EnumerateObject())
        {
            var raw = JsonMarshal.GetRawUtf8PropertyName(property);
            var matches = name.AsciiUtf8 is not null && raw.IndexOf((byte)'\\') < 0 && Ascii.IsValid(raw)
                ? Ascii.EqualsIgnoreCase(raw, name.AsciiUtf8)
                : string.Equals(property.Name, name.Name, StringComparison.OrdinalIgnoreCase);
            if (matches)
            {
                return property.Value;
            }
        }

        return default;
    }

    public static object? Member(object? target, string name, bool ignoreCase) => Member(target, new MemberName(name, ignoreCase));

    public static object? Member(object? target, MemberName name)
    {
        switch (target)
        {
            case null:
                return null;
            case JsonElement e:
                var member = Member(e, name);
                return member.ValueKind == JsonValueKind.Undefined ? null : member;
            case JsonObject o:
                if (o.TryGetPropertyValue(name.Name, out var node)
                    || (name.Camel is not null && o.TryGetPropertyValue(name.Camel, out node))
                    || (name.Pascal is not null && o.TryGetPropertyValue(name.Pascal, out node)))
                {
                    return node;
                }

                return name.IgnoreCase ? Scan(o, name.Name) : null;
            case JsonValue v when v.TryGetValue<JsonElement>(out var inner):
                return Member((object)inner, name);
            case JsonNode:
                return null;
            case IDictionary<string, object?> d:
                return d.TryGetValue(name.Name, out var found)
                    || (name.Camel is not null && d.TryGetValue(name.Camel, out found))
                    || (name.Pascal is not null && d.TryGetValue(name.Pascal, out found))
                    ? found
                    : name.IgnoreCase ? Scan(d, name.Name) : null;
            case IReadOnlyDictionary<string, object?> r:
                return r.TryGetValue(name.Name, out var read)
                    || (name.Camel is not null && r.TryGetValue(name.Camel, out read))
                    || (name.Pascal is not null && r.TryGetValue(name.Pascal, out read))
                    ? read
                    : name.IgnoreCase ? Scan(r, name.Name) : null;
            default:
                return ClrMembers.Get(target, name.Name, name.IgnoreCase);
        }
    }

    private static T? Scan<T>(IEnumerable<KeyValuePair<string, T?>> pairs, string name)
    {
        foreach (var (key, value) in pairs)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return default;
    }

    /// <summary><c>x.Count</c> / <c>x.Length</c> on a dynamic value: the element count of an array, the length of a string, else the member.</summary>
    public static object? CountOrMember(JsonElement target, MemberName name) => target.ValueKind switch
    {
        JsonValueKind.Array => target.GetArrayLength(),
        JsonValueKind.String => target.GetString()!.Length,
        _ => Member((object)target, name),
    };

    public static object? CountOrMember(object? target, MemberName name) => target switch
    {
        JsonElement e => CountOrMember(e, name),
        string s => s.Length,
        JsonValue v when v.TryGetValue<JsonElement>(out var inner) => CountOrMember(inner, name),
        JsonValue v when v.TryGetValue<string>(out var text) => text.Length,
        JsonArray a => a.Count,
        ICollection c and not IDictionary<string, object?> => c.Count,
        _ => Member(target, name),
    };

    /// <summary>
    /// <c>x[i]</c>: an array's element, or a string's character (as a one-character string here, so it compares
    /// with <c>'c'</c> and <c>"c"</c> alike); out of range and other values give null (missing), like a missing member.
    /// </summary>
    public static JsonElement Index(JsonElement target, int index) => target.ValueKind switch
    {
        JsonValueKind.Array when index >= 0 && index < target.GetArrayLength() => target[index],
        JsonValueKind.String when target.GetString() is { } text && index >= 0 && index < text.Length => JsonSerializer.SerializeToElement(text[index].ToString()),
        _ => default,
    };

    public static JsonElement Index(JsonElement target, MemberName key) => Member(target, key);

    public static object? Index(object? target, int index)
    {
        switch (target)
        {
            case JsonElement e:
                var item = Index(e, index);
                return item.ValueKind == JsonValueKind.Undefined ? null : item;
            case JsonValue v when v.TryGetValue<JsonElement>(out var inner):
                return Index((object)inner, index);
            case JsonArray array:
                return index >= 0 && index < array.Count ? array[index] : null;
            case IList list:
                return index >= 0 && index < list.Count ? list[index] : null;
            case IReadOnlyList<object?> list:
                return index >= 0 && index < list.Count ? list[index] : null;
            case string text:
                return index >= 0 && index < text.Length ? text[index] : null;
            default:
                return null;
        }
    }

    public static object? Index(object? target, MemberName key) => Member(target, key);

    public static object? Index(object? target, object? key, bool ignoreCase) => DynamicScalar.From(key) switch
    {
        { Kind: ScalarKind.Number } n => Index(target, (int)n.Number),
        var s => Member(target, s.GetString() ?? string.Empty, ignoreCase),
    };
}
