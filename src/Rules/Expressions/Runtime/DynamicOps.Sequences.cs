using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Compliance.Rules.Expressions.Runtime;

internal static partial class DynamicOps
{
    /// <summary>The elements of a JSON array; null or missing is an empty sequence so <c>items.Any()</c> is simply false.</summary>
    public static IEnumerable<JsonElement> Elements(JsonElement target) => target.ValueKind switch
    {
        JsonValueKind.Array => target.EnumerateArray(),
        JsonValueKind.Null or JsonValueKind.Undefined => [],
        _ => throw new InvalidOperationException($"{DynamicScalar.From(target).DescribeWithArticle()} is not a sequence"),
    };

    public static IEnumerable<object?> Elements(object? target) => target switch
    {
        null => [],
        JsonElement e => Box(Elements(e)),
        JsonValue v when v.TryGetValue<JsonElement>(out var inner) => Box(Elements(inner)),
        string or IDictionary<string, object?> or JsonObject => throw new InvalidOperationException($"{DynamicScalar.From(target).DescribeWithArticle()} is not a sequence"),
        IEnumerable<object?> objects => objects,
        IEnumerable items => items.Cast<object?>(),
        _ => throw new InvalidOperationException($"{DynamicScalar.From(target).DescribeWithArticle()} is not a sequence"),
    };

    private static IEnumerable<object?> Box(IEnumerable<JsonElement> items)
    {
        foreach (var item in items)
        {
            yield return item;
        }
    }

    /// <summary>Arithmetic when both operands are dynamic: numbers as decimal, dates and time spans as in C#, <c>+</c> on text concatenates.</summary>
    public static object? Arithmetic(object? left, object? right, ArithmeticKind op) =>
        Arithmetic(DynamicScalar.From(left), DynamicScalar.From(right), op);

    /// <summary>Two JSON operands (velocity.sum24h + amount): read in place, only the result is boxed.</summary>
    public static object? Arithmetic(JsonElement left, JsonElement right, ArithmeticKind op) =>
        Arithmetic(DynamicScalar.From(left), DynamicScalar.From(right), op);

    private static object? Arithmetic(in DynamicScalar a, in DynamicScalar b, ArithmeticKind op)
    {
        if (op == ArithmeticKind.Add && (a.Kind == ScalarKind.String || b.Kind == ScalarKind.String)
            && !(a.TryGetNumber(out _) && b.TryGetNumber(out _)))
        {
            return string.Concat(a.GetString(), b.GetString());
        }

        if (a.Kind == ScalarKind.Null || b.Kind == ScalarKind.Null)
        {
            return null;
        }

        if (a.TryGetNumber(out var x) && b.TryGetNumber(out var y))
        {
            return op switch
            {
                ArithmeticKind.Add => x + y,
                ArithmeticKind.Subtract => x - y,
                ArithmeticKind.Multiply => x * y,
                ArithmeticKind.Divide => x / y,
                _ => x % y,
            };
        }

        if (a.TryGetDateTime(out var d))
        {
            if (op == ArithmeticKind.Subtract && b.TryGetDateTime(out var e))
            {
                return d - e;
            }

            if (b.Kind == ScalarKind.TimeSpan && op is ArithmeticKind.Add or ArithmeticKind.Subtract)
            {
                return op == ArithmeticKind.Add ? d.AddTicks(b.Ticks) : d.AddTicks(-b.Ticks);
            }
        }

        if (a.Kind == ScalarKind.TimeSpan && b.Kind == ScalarKind.TimeSpan && op is ArithmeticKind.Add or ArithmeticKind.Subtract)
        {
            return new TimeSpan(op == ArithmeticKind.Add ? a.Ticks + b.Ticks : a.Ticks - b.Ticks);
        }

        throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"operator '{Symbol(op)}' is not defined for {a.DescribeWithArticle()} and {b.DescribeWithArticle()}"));
    }

    private static string Symbol(ArithmeticKind op) => op switch
    {
        ArithmeticKind.Add => "+",
        ArithmeticKind.Subtract => "-",
        ArithmeticKind.Multiply => "*",
        ArithmeticKind.Divide => "/",
        _ => "%",
    };
}
