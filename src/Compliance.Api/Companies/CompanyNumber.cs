using System.Text.RegularExpressions;

namespace Compliance.Api.Companies;

/// <summary>
/// Companies House numbers: eight characters, digits or a two-letter prefix and six digits (SC for
/// Scotland, NI, OC for LLPs...). Shorter all-digit numbers are padded with zeros, as the register shows them.
/// </summary>
internal static partial class CompanyNumber
{
    public static string? Normalize(string? value)
    {
        var compact = value?.Replace(" ", "", StringComparison.Ordinal).Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(compact))
        {
            return null;
        }

        if (compact.Length < 8 && compact.All(char.IsAsciiDigit))
        {
            compact = compact.PadLeft(8, '0');
        }

        return Pattern().IsMatch(compact) ? compact : null;
    }

    [GeneratedRegex("^(?:[0-9]{8}|[A-Z]{2}[0-9]{6})$")]
    private static partial Regex Pattern();
}
