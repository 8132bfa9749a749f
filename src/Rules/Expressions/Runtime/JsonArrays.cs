using System.Text.Json;

namespace Compliance.Rules.Expressions.Runtime;

/// <summary>Struct enumeration of JSON arrays for generated loops: no iterator, no boxing.</summary>
internal static class JsonArrays
{
    private static readonly JsonElement Empty = CreateEmpty();

    /// <summary>The array's enumerator; null or missing enumerate as empty; anything else is not a sequence.</summary>
    public static JsonElement.ArrayEnumerator Enumerate(JsonElement target) => target.ValueKind switch
    {
        JsonValueKind.Array => target.EnumerateArray(),
        JsonValueKind.Null or JsonValueKind.Undefined => Empty.EnumerateArray(),
        _ => throw new InvalidOperationException($"{DynamicScalar.From(target).DescribeWithArticle()} is not a sequence"),
    };

    private static JsonElement CreateEmpty()
    {
        using var document = JsonDocument.Parse("[]");
        return document.RootElement.Clone();
    }
}
