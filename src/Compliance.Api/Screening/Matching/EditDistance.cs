namespace Compliance.Api.Screening.Matching;

/// <summary>
/// Optimal string alignment distance (Levenshtein plus adjacent transpositions) of two short tokens,
/// without allocating. One vowel for another costs half an edit: transliterations disagree most
/// on vowels (Soleimani / Sulaimani, Mohammed / Muhammad).
/// </summary>
internal static class EditDistance
{
    private const int MaxLength = 32;

    public static double Osa(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.Length > MaxLength || b.Length > MaxLength)
        {
            // Name tokens are never this long; compare the beginnings, where names differ.
            a = a[..Math.Min(a.Length, MaxLength)];
            b = b[..Math.Min(b.Length, MaxLength)];
        }

        var width = b.Length + 1;
        Span<double> d = stackalloc double[(a.Length + 1) * width];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i * width] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : IsVowel(a[i - 1]) && IsVowel(b[j - 1]) ? 0.5 : 1;
                var best = Math.Min(Math.Min(d[((i - 1) * width) + j] + 1, d[(i * width) + j - 1] + 1), d[((i - 1) * width) + j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    best = Math.Min(best, d[((i - 2) * width) + j - 2] + 1);
                }

                d[(i * width) + j] = best;
            }
        }

        return d[(a.Length * width) + b.Length];
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y';
}
