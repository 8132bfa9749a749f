using System.Dynamic;
using System.Globalization;
using System.Text.Json;

namespace Compliance.Rules;

/// <summary>
/// Turns JSON into the input objects RulesEngine users get from Newtonsoft's <c>ExpandoObjectConverter</c>:
/// objects become <see cref="ExpandoObject"/>, arrays <c>List&lt;object?&gt;</c>, integers <see cref="long"/>, reals
/// <see cref="double"/>, ISO-8601 date-time strings <see cref="DateTime"/> (Newtonsoft's date handling), null null.
/// Feeding these to the engine reproduces the typing that RulesEngine's documented behaviour was verified with.
/// </summary>
public static class RuleInputs
{
    /// <summary>Converts a JSON value.</summary>
    public static object? FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => ToExpando(element),
        JsonValueKind.Array => element.EnumerateArray().Select(FromJson).ToList(),
        JsonValueKind.String => ParseString(element.GetString()!),
        JsonValueKind.Number => element.TryGetInt64(out var l) ? l : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    /// <summary>Parses JSON text and converts it.</summary>
    public static object? FromJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        return FromJson(document.RootElement);
    }

    private static ExpandoObject ToExpando(JsonElement element)
    {
        var expando = new ExpandoObject();
        var members = (IDictionary<string, object?>)expando;
        foreach (var property in element.EnumerateObject())
        {
            members[property.Name] = FromJson(property.Value);
        }

        return expando;
    }

    private static object ParseString(string text)
    {
        // Newtonsoft's DateParseHandling.DateTime: only full date-time strings ("2024-03-15T10:00:00", optional fraction/offset/Z).
        if (text.Length >= 19 && text[4] == '-' && text[7] == '-' && text[10] == 'T' && text[13] == ':'
            && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var date))
        {
            return date;
        }

        return text;
    }
}
