using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Compliance.Rules.Expressions.Runtime;

/// <summary>
/// A dynamic value seen as one of a few kinds, read without allocating: JSON strings stay as the <see cref="JsonElement"/>
/// (compared with <see cref="JsonElement.ValueEquals(string?)"/>), JSON numbers become <see cref="decimal"/> so money compares exactly.
/// </summary>
internal readonly struct DynamicScalar
{
    private DynamicScalar(ScalarKind kind, decimal number = 0, string? text = null, JsonElement element = default, object? other = null, long ticks = 0, bool flag = false)
    {
        Kind = kind;
        Number = number;
        Text = text;
        Element = element;
        Other = other;
        Ticks = ticks;
        Flag = flag;
    }

    public ScalarKind Kind { get; }

    public decimal Number { get; }

    /// <summary>The string of a CLR string; null for a JSON string, which stays in <see cref="Element"/>.</summary>
    public string? Text { get; }

    public JsonElement Element { get; }

    public object? Other { get; }

    /// <summary>Ticks of a DateTime (always UTC) or TimeSpan.</summary>
    public long Ticks { get; }

    public bool Flag { get; }

    public static DynamicScalar From(decimal? value) => value is { } v ? new(ScalarKind.Number, number: v) : default;

    public static DynamicScalar From(string? value) => value is null ? default : new(ScalarKind.String, text: value);

    public static DynamicScalar From(bool? value) => value is { } v ? new(ScalarKind.Bool, flag: v) : default;

    public static DynamicScalar From(DateTime? value) => value is { } v ? new(ScalarKind.DateTime, ticks: ToUtc(v).Ticks) : default;

    public static DynamicScalar From(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number => e.TryGetDecimal(out var d) ? new(ScalarKind.Number, number: d) : new(ScalarKind.Other, other: e.GetDouble()),
        JsonValueKind.String => new(ScalarKind.String, element: e),
        JsonValueKind.True => new(ScalarKind.Bool, flag: true),
        JsonValueKind.False => new(ScalarKind.Bool, flag: false),
        JsonValueKind.Object or JsonValueKind.Array => new(ScalarKind.Structured, element: e),
        _ => default,
    };

    public static DynamicScalar From(object? value) => value switch
    {
        null => default,
        JsonElement e => From(e),
        string s => From(s),
        bool b => From((bool?)b),
        int i => From((decimal)i),
        long l => From((decimal)l),
        decimal m => From((decimal?)m),
        double d => FromReal(d, value),
        float f => FromReal(f, value),
        short or byte or sbyte or ushort or uint or ulong => From(Convert.ToDecimal(value, CultureInfo.InvariantCulture)),
        char c => From(c.ToString()),
        DateTime dt => From((DateTime?)dt),
        DateTimeOffset dto => new(ScalarKind.DateTime, ticks: dto.UtcTicks),
        DateOnly date => new(ScalarKind.DateTime, ticks: date.ToDateTime(TimeOnly.MinValue).Ticks),
        TimeSpan ts => new(ScalarKind.TimeSpan, ticks: ts.Ticks),
        Enum => new(ScalarKind.Enum, other: value),
        JsonValue v => FromJsonValue(v),
        JsonNode => new(ScalarKind.Structured, other: value),
        _ => new(ScalarKind.Other, other: value),
    };

    private static DynamicScalar FromJsonValue(JsonValue v) =>
        v.TryGetValue<JsonElement>(out var e) ? From(e) : From(v.GetValue<object>());

    private static DynamicScalar FromReal(double d, object boxed) =>
        double.IsFinite(d) && Math.Abs(d) < 7.9e28 ? From((decimal)d) : new(ScalarKind.Other, other: boxed);

    /// <summary>Dates compare as UTC; a date without offset or kind is taken to be UTC already.</summary>
    public static DateTime ToUtc(DateTime value) => value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;

    public string? GetString() => Kind switch
    {
        ScalarKind.String => Text ?? Element.GetString(),
        ScalarKind.Null => null,
        ScalarKind.Number => Number.ToString(CultureInfo.InvariantCulture),
        ScalarKind.Bool => Flag ? "true" : "false",
        ScalarKind.DateTime => new DateTime(Ticks, DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture),
        ScalarKind.TimeSpan => new TimeSpan(Ticks).ToString("c", CultureInfo.InvariantCulture),
        ScalarKind.Structured when Other is null => Element.GetRawText(),
        _ => Convert.ToString(Other, CultureInfo.InvariantCulture),
    };

    public bool StringEquals(string other) => Text is not null ? string.Equals(Text, other, StringComparison.Ordinal) : Element.ValueEquals(other);

    public bool TryGetNumber(out decimal value)
    {
        switch (Kind)
        {
            case ScalarKind.Number:
                value = Number;
                return true;
            case ScalarKind.Enum:
                value = Convert.ToDecimal(Other, CultureInfo.InvariantCulture);
                return true;
            case ScalarKind.String:
                return decimal.TryParse(GetString(), NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value);
            default:
                value = 0;
                return false;
        }
    }

    public bool TryGetDateTime(out DateTime value)
    {
        switch (Kind)
        {
            case ScalarKind.DateTime:
                value = new DateTime(Ticks, DateTimeKind.Utc);
                return true;
            case ScalarKind.String:
                if (DateTime.TryParse(GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out value))
                {
                    return true;
                }

                value = default;
                return false;
            default:
                value = default;
                return false;
        }
    }

    public object? ToClr() => Kind switch
    {
        ScalarKind.Null => null,
        ScalarKind.Number => Number,
        ScalarKind.String => GetString(),
        ScalarKind.Bool => Flag,
        ScalarKind.DateTime => new DateTime(Ticks, DateTimeKind.Utc),
        ScalarKind.TimeSpan => new TimeSpan(Ticks),
        ScalarKind.Structured when Other is null => Element,
        _ => Other,
    };

    /// <summary>"a string", "an object": for runtime error messages.</summary>
    public string DescribeWithArticle() => Describe() is var d && "aeiou".Contains(char.ToLowerInvariant(d[0]), StringComparison.Ordinal) ? "an " + d : "a " + d;

    public string Describe() => Kind switch
    {
        ScalarKind.Null => "null",
        ScalarKind.Number => "number",
        ScalarKind.String => "string",
        ScalarKind.Bool => "boolean",
        ScalarKind.DateTime => "date",
        ScalarKind.TimeSpan => "time span",
        ScalarKind.Structured => Element.ValueKind == JsonValueKind.Array || Other is JsonArray ? "array" : "object",
        _ => Other!.GetType().Name,
    };
}
