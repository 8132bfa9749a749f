using System.Dynamic;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Compliance.Rules.Tests.Expressions.Support;

/// <summary>One named input of a test expression: its declared (static) type and its value.</summary>
public sealed record Input(string Name, Type Type, object? Value)
{
    public static Input Of<T>(string name, T value) => new(name, typeof(T), value);

    public static Input Json(string name, string json)
    {
        using var document = JsonDocument.Parse(json);
        return new(name, typeof(JsonElement), document.RootElement.Clone());
    }

    public static Input Node(string name, string json) => new(name, typeof(JsonNode), JsonNode.Parse(json));

    /// <summary>JSON turned into ExpandoObject the way RulesEngine users do it: integers as long, reals as double.</summary>
    public static Input Expando(string name, string json)
    {
        using var document = JsonDocument.Parse(json);
        return new(name, typeof(ExpandoObject), ToExpando(document.RootElement));
    }

    public static Input Dictionary(string name, Dictionary<string, object?> values) => new(name, typeof(IDictionary<string, object?>), values);

    private static object? ToExpando(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => e.EnumerateObject().Aggregate(new ExpandoObject(), (o, p) =>
        {
            ((IDictionary<string, object?>)o)[p.Name] = ToExpando(p.Value);
            return o;
        }),
        JsonValueKind.Array => e.EnumerateArray().Select(ToExpando).ToList(),
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.TryGetInt64(out var l) ? l : e.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
