using System.Text.Json;
using System.Text.Json.Nodes;

namespace Compliance.Rules.Expressions.Runtime;

/// <summary>
/// Runtime helpers that generated code calls for late-bound (dynamic) values. Each has an overload for
/// <see cref="JsonElement"/>, which stays unboxed along member chains, and one for <see cref="object"/>
/// (JsonNode, dictionaries, ExpandoObject, boxed values). A missing member is null, as in RulesEngine.
/// </summary>
internal static partial class DynamicOps
{
    public static bool Compare(JsonElement a, decimal? b, ComparisonKind op) => ScalarComparer.Compare(DynamicScalar.From(a), DynamicScalar.From(b), op);

    public static bool Compare(JsonElement a, string? b, ComparisonKind op) => ScalarComparer.Compare(DynamicScalar.From(a), DynamicScalar.From(b), op);

    public static bool Compare(JsonElement a, bool? b, ComparisonKind op) => ScalarComparer.Compare(DynamicScalar.From(a), DynamicScalar.From(b), op);

    public static bool Compare(JsonElement a, DateTime? b, ComparisonKind op) => ScalarComparer.Compare(DynamicScalar.From(a), DynamicScalar.From(b), op);

    public static bool Compare(JsonElement a, JsonElement b, ComparisonKind op) => ScalarComparer.Compare(DynamicScalar.From(a), DynamicScalar.From(b), op);

    public static bool Compare(JsonElement a, object? b, ComparisonKind op) => ScalarComparer.Compare(DynamicScalar.From(a), DynamicScalar.From(b), op);

    public static bool Compare(object? a, decimal? b, ComparisonKind op) => ScalarComparer.Compare(DynamicScalar.From(a), DynamicScalar.From(b), op);

    public static bool Compare(object? a, string? b, ComparisonKind op) => ScalarComparer.Compare(DynamicScalar.From(a), DynamicScalar.From(b), op);

    public static bool Compare(object? a, bool? b, ComparisonKind op) => ScalarComparer.Compare(DynamicScalar.From(a), DynamicScalar.From(b), op);

    public static bool Compare(object? a, DateTime? b, ComparisonKind op) => ScalarComparer.Compare(DynamicScalar.From(a), DynamicScalar.From(b), op);

    public static bool Compare(object? a, object? b, ComparisonKind op) => ScalarComparer.Compare(DynamicScalar.From(a), DynamicScalar.From(b), op);

    public static bool IsNull(JsonElement a) => a.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null;

    public static bool IsNull(object? a) => DynamicScalar.From(a).Kind == ScalarKind.Null;

    /// <summary>A dynamic value used as a condition: JSON true/false, a bool, or the strings "true"/"false"; null and missing are false.</summary>
    public static bool ToBool(JsonElement a) => ToBool(DynamicScalar.From(a));

    public static bool ToBool(object? a) => ToBool(DynamicScalar.From(a));

    private static bool ToBool(in DynamicScalar s) => s.Kind switch
    {
        ScalarKind.Bool => s.Flag,
        ScalarKind.Null => false,
        ScalarKind.String when bool.TryParse(s.GetString(), out var b) => b,
        _ => throw new InvalidCastException($"{s.DescribeWithArticle()} cannot be used as a condition"),
    };

    /// <summary>Numeric value as decimal; null for null or missing; a numeric string is parsed with the invariant culture.</summary>
    public static decimal? ToNumber(JsonElement a) => ToNumber(DynamicScalar.From(a));

    public static decimal? ToNumber(object? a) => ToNumber(DynamicScalar.From(a));

    private static decimal? ToNumber(in DynamicScalar s)
    {
        if (s.Kind == ScalarKind.Null)
        {
            return null;
        }

        if (s.TryGetNumber(out var d))
        {
            return d;
        }

        if (s.Kind == ScalarKind.Other && s.Other is double real)
        {
            throw new OverflowException($"the number {real} is out of the range of decimal");
        }

        throw new InvalidCastException($"{s.DescribeWithArticle()} is not a number");
    }

    public static string? ToText(JsonElement a) => DynamicScalar.From(a).GetString();

    public static string? ToText(object? a) => DynamicScalar.From(a).GetString();

    public static DateTime? ToDateTime(JsonElement a) => ToDateTime(DynamicScalar.From(a));

    public static DateTime? ToDateTime(object? a) => ToDateTime(DynamicScalar.From(a));

    private static DateTime? ToDateTime(in DynamicScalar s)
    {
        if (s.Kind == ScalarKind.Null)
        {
            return null;
        }

        return s.TryGetDateTime(out var d) ? d : throw new FormatException($"{s.DescribeWithArticle()} is not a date");
    }

    /// <summary>The value as a plain CLR object: string, decimal, bool, DateTime, or the JSON element for objects and arrays.</summary>
    public static object? ToClr(JsonElement a) => DynamicScalar.From(a).ToClr();

    /// <summary>JSON values become plain CLR values; anything else (a boxed int, a POCO) is returned unchanged.</summary>
    public static object? ToClr(object? a) => a is JsonElement or JsonNode ? DynamicScalar.From(a).ToClr() : a;
}
