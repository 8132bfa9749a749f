using System.Text.Json;

namespace Compliance.Rules.Expressions.Runtime;

internal static partial class DynamicOps
{
    /// <summary><c>x.Contains(v)</c> on a late-bound value: substring test for text, element membership for arrays, false for null.</summary>
    public static bool Contains(JsonElement target, object? value) => target.ValueKind switch
    {
        JsonValueKind.String => target.GetString()!.Contains(DynamicScalar.From(value).GetString() ?? string.Empty, StringComparison.Ordinal),
        JsonValueKind.Array => ContainsJson(target, DynamicScalar.From(value)),
        JsonValueKind.Null or JsonValueKind.Undefined => false,
        _ => throw new InvalidOperationException($"'Contains' is not defined for {DynamicScalar.From(target).DescribeWithArticle()}"),
    };

    public static bool Contains(object? target, object? value)
    {
        var scalar = DynamicScalar.From(target);
        return scalar.Kind switch
        {
            ScalarKind.Null => false,
            ScalarKind.String => scalar.GetString()!.Contains(DynamicScalar.From(value).GetString() ?? string.Empty, StringComparison.Ordinal),
            _ => target is JsonElement e ? Contains(e, value) : ContainsElement(Elements(target), value),
        };
    }

    // The array's struct enumerator: no iterator and no boxing per call.
    private static bool ContainsJson(JsonElement array, DynamicScalar wanted)
    {
        foreach (var item in array.EnumerateArray())
        {
            EvaluationBudget.Spend();
            if (ScalarComparer.Compare(DynamicScalar.From(item), wanted, ComparisonKind.Equal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ContainsElement<T>(IEnumerable<T> items, object? value)
    {
        var wanted = DynamicScalar.From(value);
        foreach (var item in items)
        {
            EvaluationBudget.Spend();
            var candidate = item is JsonElement e ? DynamicScalar.From(e) : DynamicScalar.From(item);
            if (ScalarComparer.Compare(candidate, wanted, ComparisonKind.Equal))
            {
                return true;
            }
        }

        return false;
    }
}
