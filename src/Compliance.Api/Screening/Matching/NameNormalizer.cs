using System.Buffers;
using System.Collections.Frozen;
using System.Text;
using AnyAscii;

namespace Compliance.Api.Screening.Matching;

/// <summary>
/// Turns a name as written anywhere (any script, diacritics, punctuation, honorifics, company
/// suffixes) into lower-case ASCII tokens, the form both list entries and screened names are
/// compared in. Token order is kept: the scorer aligns tokens, so "MADURO MOROS, Nicolas" and
/// "Nicolas Maduro Moros" meet without sorting.
/// </summary>
internal static class NameNormalizer
{
    // Dropped wherever they stand, unless nothing else is left of the name.
    private static readonly FrozenSet<string> Honorifics = FrozenSet.ToFrozenSet(
    [
        "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "madam", "madame", "mme", "mlle",
        "herr", "frau", "senor", "senora", "sr", "sra", "don", "dona", "sheikh", "shaikh", "sheik", "hajji", "haji", "hadji",
        "mullah", "imam", "gen", "general", "col", "colonel", "maj", "major", "capt", "captain", "lt", "president", "minister",
        "rev", "reverend", "hon", "honourable", "honorable", "his", "her", "excellency", "jr", "snr", "jnr",
    ]);

    // Legal-form words, dropped from the end of a name (repeatedly): "Rosneft Oil Company PJSC" -> "rosneft oil".
    private static readonly FrozenSet<string> CompanySuffixes = FrozenSet.ToFrozenSet(
    [
        "ltd", "limited", "llc", "inc", "incorporated", "corp", "corporation", "co", "company", "plc", "llp", "lp", "gmbh", "ag",
        "kg", "sa", "sas", "sarl", "srl", "spa", "bv", "nv", "ab", "as", "asa", "oy", "jsc", "ojsc", "pjsc", "cjsc", "ooo", "oao",
        "zao", "pao", "ao", "tov", "fze", "fzco", "fzc", "fzllc", "pte", "pty", "bhd", "sdn", "kk", "kabushiki", "kaisha", "group",
        "holding", "holdings", "liability", "public", "joint", "stock", "closed", "open", "private", "establishment", "est",
    ]);

    private static readonly FrozenSet<string> StopWords = FrozenSet.ToFrozenSet(["the", "of", "and"]);

    /// <summary>Name particles: kept, but weigh little when tokens are aligned.</summary>
    public static readonly FrozenSet<string> Particles = FrozenSet.ToFrozenSet(
    [
        "al", "el", "bin", "ibn", "bint", "ben", "van", "von", "der", "den", "de", "da", "del", "della", "di", "du", "dos", "das",
        "la", "le", "ul", "ud",
    ]);

    private static readonly SearchValues<char> Apostrophes = SearchValues.Create("'’‘`´ʼ");

    /// <summary>The tokens of a name; legal-form suffixes are dropped unless the name is known to be a person's.</summary>
    public static string[] Tokens(string? name, bool isPerson = false)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return [];
        }

        var ascii = name.Transliterate();
        var buffer = new StringBuilder(ascii.Length);
        foreach (var c in ascii)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                buffer.Append(char.ToLowerInvariant(c));
            }
            else if (!Apostrophes.Contains(c))
            {
                // O'Brien -> obrien; every other separator splits tokens.
                buffer.Append(' ');
            }
        }

        var tokens = buffer.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        RemoveWhere(tokens, t => Honorifics.Contains(t) || StopWords.Contains(t));
        while (!isPerson && tokens.Count > 1 && CompanySuffixes.Contains(tokens[^1]))
        {
            tokens.RemoveAt(tokens.Count - 1);
        }

        return [.. tokens];
    }

    // Drops what matches unless that would leave nothing: "Dr" alone is still a name to screen.
    private static void RemoveWhere(List<string> tokens, Func<string, bool> drop)
    {
        var kept = tokens.Where(t => !drop(t)).ToList();
        if (kept.Count > 0)
        {
            tokens.Clear();
            tokens.AddRange(kept);
        }
    }
}
