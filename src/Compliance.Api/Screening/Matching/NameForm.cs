using System.Text;

namespace Compliance.Api.Screening.Matching;

/// <summary>
/// A name prepared for comparison once: its tokens, each token's transliteration key and weight,
/// the tokens written together, and whether it was written in an abjad (Arabic, Hebrew: no short
/// vowels), in which case it is also compared by consonant skeleton.
/// </summary>
internal sealed class NameForm
{
    private NameForm(string[] tokens, bool abjad)
    {
        Tokens = tokens;
        Keys = [.. tokens.Select(NameKeys.Key)];
        Weights = [.. tokens.Select(NameScorer.Weight)];
        Joined = string.Concat(tokens);
        TotalWeight = Weights.Sum();
        var heaviest = Weights.OrderDescending().ToArray();
        HeaviestWeights = [.. heaviest.Select((_, k) => heaviest.Take(k + 1).Sum())];
        JoinedRotations = [.. Enumerable.Range(0, tokens.Length).Select(r => string.Concat(tokens[r..].Concat(tokens[..r])))];
        Skeleton = NameKeys.Skeleton(Joined);
        IsAbjad = abjad;
    }

    public string[] Tokens { get; }

    public string[] Keys { get; }

    public double[] Weights { get; }

    public string Joined { get; }

    public double TotalWeight { get; }

    /// <summary>Element k: the weight of the k + 1 heaviest tokens together (what pairing k + 1 tokens can cover at most).</summary>
    public double[] HeaviestWeights { get; }

    /// <summary>The tokens written together starting from each token in turn (the first is <see cref="Joined"/>).</summary>
    public string[] JoinedRotations { get; }

    public string Skeleton { get; }

    public bool IsAbjad { get; }

    public static NameForm Of(string? name, bool isPerson = false)
    {
        var tokens = NameNormalizer.Tokens(name, isPerson);
        if (tokens.Length > NameScorer.MaxTokens)
        {
            tokens = tokens[..NameScorer.MaxTokens];
        }

        return new NameForm(tokens, name is not null && name.Any(IsAbjadLetter));
    }

    // Hebrew, Arabic, Syriac, Thaana and the Arabic supplements and presentation forms.
    private static bool IsAbjadLetter(char c) => c is >= '\u0590' and <= '\u08FF' or >= '\uFB1D' and <= '\uFDFF' or >= '\uFE70' and <= '\uFEFF';
}

/// <summary>
/// Spelling-independent forms of a token. The key folds the usual differences between
/// transliteration systems (Janukowitsch / Yanukovych, Timtchenko / Timchenko, Prigojin /
/// Prigozhin, Ousmanov / Usmanov, doubled letters); the skeleton keeps consonants only, the form
/// an abjad's transliteration has.
/// </summary>
internal static class NameKeys
{
    /// <summary>Keys longer than this are indexed by their beginning.</summary>
    public const int MaxIndexedLength = 24;

    private static readonly (string From, string To)[] Rewrites =
    [
        ("tsch", "ch"), ("sch", "sh"), ("tch", "ch"), ("dzh", "j"), ("dj", "j"), ("zh", "j"), ("kh", "h"), ("gh", "g"), ("ph", "f"),
        ("th", "t"), ("dh", "d"), ("ck", "k"), ("ou", "u"), ("oo", "u"), ("ee", "i"), ("ks", "x"),
    ];

    public static string Key(string token)
    {
        // The token itself when nothing changes, so callers can tell by reference that there is no second form.
        var s = token;
        foreach (var (from, to) in Rewrites)
        {
            if (s.Contains(from, StringComparison.Ordinal))
            {
                s = s.Replace(from, to, StringComparison.Ordinal);
            }
        }

        var key = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i] switch
            {
                'w' => 'v',
                'q' => 'k',
                'c' when i + 1 < s.Length && s[i + 1] == 'h' => 'c',
                'c' => 'k',
                'z' => 's',
                'y' or 'j' => 'i',
                var other => other,
            };
            // A trailing h is silent (Nasrallah / Nasralla); doubled letters are one sound.
            if ((c == 'h' && i == s.Length - 1 && key.Length > 0) || (key.Length > 0 && key[^1] == c))
            {
                continue;
            }

            key.Append(c);
        }

        return key.Length == token.Length && key.ToString() == token ? token : key.ToString();
    }

    public static string Skeleton(string text)
    {
        var skeleton = new StringBuilder(text.Length);
        foreach (var c in Key(text))
        {
            if (c is 'a' or 'e' or 'i' or 'o' or 'u' || (skeleton.Length > 0 && skeleton[^1] == c))
            {
                continue;
            }

            skeleton.Append(c);
        }

        return skeleton.ToString();
    }
}
