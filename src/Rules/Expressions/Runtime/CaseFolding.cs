using System.Globalization;
using System.Text;

namespace Compliance.Rules.Expressions.Runtime;

/// <summary>
/// <c>text.ToUpper() == "LITERAL"</c> and <c>text.ToLower() == "literal"</c>, RulesEngine's usual way to compare text
/// regardless of case, without the string ToUpper and ToLower allocate, wherever that gives the same answer: the text is
/// ASCII (the binder only rewrites an ASCII literal already in the target case) and the current culture cases ASCII
/// letters as the invariant culture does (all but Turkish and Azeri, where 'i' and 'I' are not each other's case).
/// Anywhere else it runs the original expression.
/// </summary>
internal static class CaseFolding
{
    private static CultureCasing? _lastCulture;

    /// <summary><c>text.ToUpper() == upperLiteral</c>, <paramref name="upperLiteral"/> ASCII and upper case.</summary>
    public static bool UpperEquals(string text, string upperLiteral) =>
        AsciiAsInvariant(text)
            ? Ascii.EqualsIgnoreCase(text, upperLiteral)
            : string.Equals(text.ToUpper(CultureInfo.CurrentCulture), upperLiteral, StringComparison.Ordinal);

    /// <summary><c>text.ToLower() == lowerLiteral</c>, <paramref name="lowerLiteral"/> ASCII and lower case.</summary>
    public static bool LowerEquals(string text, string lowerLiteral) =>
        AsciiAsInvariant(text)
            ? Ascii.EqualsIgnoreCase(text, lowerLiteral)
            : string.Equals(text.ToLower(CultureInfo.CurrentCulture), lowerLiteral, StringComparison.Ordinal);

    // Null text reaches ToUpper/ToLower, which throw the NullReferenceException the rule's error reports.
    private static bool AsciiAsInvariant(string? text) => text is not null && Ascii.IsValid(text) && CasesAsciiAsInvariant(CultureInfo.CurrentCulture);

    private static bool CasesAsciiAsInvariant(CultureInfo culture)
    {
        var last = Volatile.Read(ref _lastCulture);
        if (last is not null && ReferenceEquals(last.Culture, culture))
        {
            return last.AsciiAsInvariant;
        }

        var casing = culture.TextInfo;
        var same = casing.ToUpper('i') == 'I' && casing.ToLower('I') == 'i';
        Volatile.Write(ref _lastCulture, new CultureCasing(culture, same));
        return same;
    }

    private sealed record CultureCasing(CultureInfo Culture, bool AsciiAsInvariant);
}
