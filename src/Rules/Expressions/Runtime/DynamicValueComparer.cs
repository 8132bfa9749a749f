using System.Text.Json;

namespace Compliance.Rules.Expressions.Runtime;

/// <summary>Ordering and equality of dynamic values for OrderBy, Distinct, Min and Max over JSON or other late-bound data.</summary>
internal sealed class DynamicValueComparer : IComparer<object?>, IEqualityComparer<object?>, IComparer<JsonElement>, IEqualityComparer<JsonElement>
{
    public static readonly DynamicValueComparer Instance = new();

    public int Compare(object? x, object? y) => Order(DynamicScalar.From(x), DynamicScalar.From(y));

    public int Compare(JsonElement x, JsonElement y) => Order(DynamicScalar.From(x), DynamicScalar.From(y));

    public new bool Equals(object? x, object? y) => ScalarComparer.Compare(DynamicScalar.From(x), DynamicScalar.From(y), ComparisonKind.Equal);

    public bool Equals(JsonElement x, JsonElement y) => ScalarComparer.Compare(DynamicScalar.From(x), DynamicScalar.From(y), ComparisonKind.Equal);

    public int GetHashCode(object? obj) => Hash(DynamicScalar.From(obj));

    public int GetHashCode(JsonElement obj) => Hash(DynamicScalar.From(obj));

    private static int Hash(in DynamicScalar s) => s.Kind switch
    {
        ScalarKind.Null => 0,
        ScalarKind.Number => s.Number.GetHashCode(),
        ScalarKind.Structured => s.Kind.GetHashCode(),
        _ => s.GetString()?.GetHashCode(StringComparison.Ordinal) ?? 0,
    };

    // Nulls sort first; values that cannot be ordered against each other sort by kind so sorting never throws.
    private static int Order(in DynamicScalar a, in DynamicScalar b)
    {
        if (a.Kind == ScalarKind.Null || b.Kind == ScalarKind.Null)
        {
            return (a.Kind == ScalarKind.Null ? 0 : 1) - (b.Kind == ScalarKind.Null ? 0 : 1);
        }

        if (ScalarComparer.Compare(a, b, ComparisonKind.Equal))
        {
            return 0;
        }

        try
        {
            return ScalarComparer.Compare(a, b, ComparisonKind.Less) ? -1 : 1;
        }
        catch (InvalidOperationException)
        {
            return a.Kind.CompareTo(b.Kind);
        }
    }
}
