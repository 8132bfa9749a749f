using System.Text.Json;

namespace Compliance.Api.Kyc.Callbacks.Readers;

/// <summary>
/// Typed access to a callback body by dotted path (<c>data.object.id</c>). A required field that is absent or
/// of the wrong kind, or an optional one present with the wrong kind, is a <see cref="KycEventFormatException"/>
/// naming the path and never the value (bodies carry personal data).
/// </summary>
internal readonly partial struct EventJson
{
    private readonly JsonElement _root;
    private readonly string _provider;

    private EventJson(JsonElement root, string provider)
    {
        _root = root;
        _provider = provider;
    }

    /// <summary>Wraps the body, which must be a JSON object.</summary>
    public static EventJson Of(JsonElement root, string provider) =>
        root.ValueKind == JsonValueKind.Object ? new(root, provider) : throw new KycEventFormatException(provider, "The body is not a JSON object");

    public KycEventFormatException Error(string message) => new(_provider, message);

    /// <summary>The element at <paramref name="path"/>; null when it or a parent is absent, JSON null or not an object.</summary>
    public JsonElement? Find(string path)
    {
        var current = _root;
        foreach (var name in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                return null;
            }
        }

        return current.ValueKind == JsonValueKind.Null ? null : current;
    }

    public bool Has(string path) => Find(path) is not null;

    public string RequireString(string path) =>
        OptionalString(path) is { Length: > 0 } value ? value : throw Error($"{path} is missing or empty");

    public string? OptionalString(string path) => Find(path) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } element => element.GetString(),
        _ => throw Error($"{path} is not a string"),
    };

    /// <summary>
    /// A value that providers send as a number or a string (Veriff's <c>code</c>, Sumsub's <c>createdAtMs</c>), as the
    /// text sent: numbers keep their JSON spelling, so ids composed from them are stable and culture-free.
    /// </summary>
    public string? OptionalScalar(string path) => Find(path) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } element => element.GetString(),
        { ValueKind: JsonValueKind.Number } element => element.GetRawText(),
        _ => throw Error($"{path} is not a number or a string"),
    };

    public void RequireObject(string path)
    {
        if (Find(path) is not { ValueKind: JsonValueKind.Object })
        {
            throw Error($"{path} is missing or not an object");
        }
    }

    /// <summary>The strings of an array (Sumsub's <c>rejectLabels</c>); empty when absent.</summary>
    public IReadOnlyList<string> OptionalStrings(string path)
    {
        if (Find(path) is not { } element)
        {
            return [];
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            throw Error($"{path} is not an array");
        }

        var values = new List<string>();
        foreach (var item in element.EnumerateArray())
        {
            values.Add(item.ValueKind == JsonValueKind.String ? item.GetString()! : throw Error($"{path} holds a non-string"));
        }

        return values;
    }
}
