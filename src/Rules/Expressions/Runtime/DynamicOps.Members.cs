using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Compliance.Rules.Expressions.Runtime;

internal static partial class DynamicOps
{
    public static JsonElement Member(JsonElement target, string name, bool ignoreCase)
    {
        if (target.ValueKind != JsonValueKind.Object)
        {
            return default;
        }

        if (target.TryGetProperty(name, out var value))
        {
            return value;
        }

        if (ignoreCase)
        {
            foreach (var property in target.EnumerateObject())
            {
                if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    return property.Value;
                }
            }
        }

        return default;
    }

    public static object? Member(object? target, string name, bool ignoreCase)
    {
        switch (target)
        {
            case null:
                return null;
            case JsonElement e:
                var member = Member(e, name, ignoreCase);
                return member.ValueKind == JsonValueKind.Undefined ? null : member;
            case JsonObject o:
                if (o.TryGetPropertyValue(name, out var node))
                {
                    return node;
                }

                if (ignoreCase)
                {
                    foreach (var (key, value) in o)
                    {
                        if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
                        {
                            return value;
                        }
                    }
                }

                return null;
            case JsonValue v when v.TryGetValue<JsonElement>(out var inner):
                return Member((object)inner, name, ignoreCase);
            case JsonNode:
                return null;
            case IDictionary<string, object?> d:
                return Lookup(d, name, ignoreCase);
            case IReadOnlyDictionary<string, object?> r:
                return Lookup(r, name, ignoreCase);
            default:
                return ClrMembers.Get(target, name, ignoreCase);
        }
    }

    private static object? Lookup(IEnumerable<KeyValuePair<string, object?>> pairs, string name, bool ignoreCase)
    {
        if (pairs is IDictionary<string, object?> d && d.TryGetValue(name, out var exact))
        {
            return exact;
        }

        if (pairs is IReadOnlyDictionary<string, object?> r && r.TryGetValue(name, out exact))
        {
            return exact;
        }

        if (ignoreCase)
        {
            foreach (var (key, value) in pairs)
            {
                if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
                {
                    return value;
                }
            }
        }

        return null;
    }

    /// <summary><c>x.Count</c> / <c>x.Length</c> on a dynamic value: the element count of an array, the length of a string, else the member.</summary>
    public static object? CountOrMember(JsonElement target, string name, bool ignoreCase) => target.ValueKind switch
    {
        JsonValueKind.Array => target.GetArrayLength(),
        JsonValueKind.String => target.GetString()!.Length,
        _ => Member((object)target, name, ignoreCase),
    };

    public static object? CountOrMember(object? target, string name, bool ignoreCase) => target switch
    {
        JsonElement e => CountOrMember(e, name, ignoreCase),
        string s => s.Length,
        JsonValue v when v.TryGetValue<JsonElement>(out var inner) => CountOrMember(inner, name, ignoreCase),
        JsonValue v when v.TryGetValue<string>(out var text) => text.Length,
        JsonArray a => a.Count,
        ICollection c and not IDictionary<string, object?> => c.Count,
        _ => Member(target, name, ignoreCase),
    };

    /// <summary><c>x[i]</c>: out of range and non-arrays give null (missing), like a missing member.</summary>
    public static JsonElement Index(JsonElement target, int index) =>
        target.ValueKind == JsonValueKind.Array && index >= 0 && index < target.GetArrayLength() ? target[index] : default;

    public static JsonElement Index(JsonElement target, string key, bool ignoreCase) => Member(target, key, ignoreCase);

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
            default:
                return null;
        }
    }

    public static object? Index(object? target, string key, bool ignoreCase) => Member(target, key, ignoreCase);

    public static object? Index(object? target, object? key, bool ignoreCase) => DynamicScalar.From(key) switch
    {
        { Kind: ScalarKind.Number } n => Index(target, (int)n.Number),
        var s => Member(target, s.GetString() ?? string.Empty, ignoreCase),
    };
}
