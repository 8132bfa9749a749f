namespace Compliance.Rules.Expressions.Runtime;

/// <summary>
/// Compares two dynamic values the way rule authors expect: numbers as decimal (a numeric string counts as a number when the
/// other side is a number), strings ordinally, dates as UTC, and null like C# lifted operators (only equality can be true).
/// A relational comparison between kinds that have no order (an object and a number) throws, so a rule fails loudly.
/// </summary>
internal static class ScalarComparer
{
    public static bool Compare(in DynamicScalar a, in DynamicScalar b, ComparisonKind op)
    {
        if (a.Kind == ScalarKind.Null || b.Kind == ScalarKind.Null)
        {
            var bothNull = a.Kind == b.Kind;
            return op switch
            {
                ComparisonKind.Equal => bothNull,
                ComparisonKind.NotEqual => !bothNull,
                _ => false,
            };
        }

        if (op is ComparisonKind.Equal or ComparisonKind.NotEqual && a.Kind == ScalarKind.String && b.Kind == ScalarKind.String)
        {
            // Equality of text never needs the strings themselves when one side is a JSON string: ValueEquals.
            var same = TextEquals(a, b);
            return op == ComparisonKind.Equal ? same : !same;
        }

        if (TryOrder(a, b, out var order, out var orderable))
        {
            return op switch
            {
                ComparisonKind.Equal => order == 0,
                ComparisonKind.NotEqual => order != 0,
                ComparisonKind.Less => order < 0,
                ComparisonKind.LessEqual => order <= 0,
                ComparisonKind.Greater => order > 0,
                _ => order >= 0,
            };
        }

        if (op is ComparisonKind.Equal or ComparisonKind.NotEqual)
        {
            var equal = orderable && Equals(a, b);
            return op == ComparisonKind.Equal ? equal : !equal;
        }

        throw new InvalidOperationException($"operator '{Symbol(op)}' cannot compare {a.DescribeWithArticle()} with {b.DescribeWithArticle()}");
    }

    private static bool TextEquals(in DynamicScalar a, in DynamicScalar b) =>
        (a.Text, b.Text) switch
        {
            ({ } x, { } y) => string.Equals(x, y, StringComparison.Ordinal),
            (null, { } y) => a.StringEquals(y),
            ({ } x, null) => b.StringEquals(x),
            _ => a.Element.ValueEquals(b.Element.GetString()),
        };

    public static string Symbol(ComparisonKind op) => op switch
    {
        ComparisonKind.Equal => "==",
        ComparisonKind.NotEqual => "!=",
        ComparisonKind.Less => "<",
        ComparisonKind.LessEqual => "<=",
        ComparisonKind.Greater => ">",
        _ => ">=",
    };

    // orderable is false when the kinds are known to differ in a way that makes them simply unequal.
    private static bool TryOrder(in DynamicScalar a, in DynamicScalar b, out int order, out bool orderable)
    {
        orderable = true;
        order = 0;
        if (a.Kind is ScalarKind.Number || b.Kind is ScalarKind.Number)
        {
            if (a.TryGetNumber(out var x) && b.TryGetNumber(out var y))
            {
                order = x.CompareTo(y);
                return true;
            }

            orderable = false;
            return false;
        }

        if (a.Kind == ScalarKind.Enum || b.Kind == ScalarKind.Enum)
        {
            var other = a.Kind == ScalarKind.Enum ? b : a;
            var e = a.Kind == ScalarKind.Enum ? a : b;
            if (other.Kind == ScalarKind.String)
            {
                orderable = string.Equals(e.Other!.ToString(), other.GetString(), StringComparison.OrdinalIgnoreCase);
                return false;
            }

            return false;
        }

        if (a.Kind == ScalarKind.DateTime || b.Kind == ScalarKind.DateTime)
        {
            if (a.TryGetDateTime(out var x) && b.TryGetDateTime(out var y))
            {
                order = x.CompareTo(y);
                return true;
            }

            orderable = false;
            return false;
        }

        if (a.Kind == ScalarKind.String && b.Kind == ScalarKind.String)
        {
            if (a.Text is null && b.Text is not null)
            {
                // Equality of a JSON string with a CLR string needs no allocation.
                if (a.StringEquals(b.Text))
                {
                    return true;
                }
            }
            else if (b.Text is null && a.Text is not null && b.StringEquals(a.Text))
            {
                return true;
            }

            order = string.CompareOrdinal(a.GetString(), b.GetString());
            return true;
        }

        if (a.Kind == ScalarKind.TimeSpan && b.Kind == ScalarKind.TimeSpan)
        {
            order = a.Ticks.CompareTo(b.Ticks);
            return true;
        }

        if (a.Kind == ScalarKind.Bool && b.Kind == ScalarKind.Bool)
        {
            order = a.Flag.CompareTo(b.Flag);
            return true;
        }

        if ((a.Kind, b.Kind) is (ScalarKind.Bool, ScalarKind.String) or (ScalarKind.String, ScalarKind.Bool))
        {
            // A condition against the text "true" or "false" (active == "true"), as with a numeric string.
            var (flag, text) = a.Kind == ScalarKind.Bool ? (a.Flag, b.GetString()) : (b.Flag, a.GetString());
            orderable = bool.TryParse(text, out var parsed);
            order = orderable ? (a.Kind == ScalarKind.Bool ? flag.CompareTo(parsed) : parsed.CompareTo(flag)) : 1;
            return orderable;
        }

        if ((a.Other is Guid || b.Other is Guid) && (a.Kind == ScalarKind.String || b.Kind == ScalarKind.String))
        {
            // A Guid input against a JSON or literal string: equal when the text parses to the same Guid.
            var text = a.Kind == ScalarKind.String ? a.GetString() : b.GetString();
            var guid = (Guid)(a.Other ?? b.Other)!;
            orderable = Guid.TryParse(text, out var parsed) && parsed == guid;
            order = orderable ? 0 : 1;
            return orderable;
        }

        orderable = a.Kind == b.Kind;
        return false;
    }

    private static bool Equals(in DynamicScalar a, in DynamicScalar b)
    {
        if (a.Kind == ScalarKind.Enum || b.Kind == ScalarKind.Enum)
        {
            return a.Kind != b.Kind || object.Equals(a.Other, b.Other);
        }

        if (a.Kind == ScalarKind.Structured)
        {
            return a.Other is null && b.Other is null
                ? a.Element.ValueKind == b.Element.ValueKind && System.Text.Json.JsonElement.DeepEquals(a.Element, b.Element)
                : ReferenceEquals(a.Other, b.Other);
        }

        return object.Equals(a.Other, b.Other);
    }
}
