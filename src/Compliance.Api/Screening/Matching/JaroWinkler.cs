namespace Compliance.Api.Screening.Matching;

/// <summary>
/// Jaro-Winkler similarity of two ASCII tokens (prefix scale 0.1, prefix up to 4), without
/// allocating: the matched-character flags live on the stack. Tokens here are name parts, so they
/// are short; longer inputs are compared on their first 64 characters.
/// </summary>
internal static class JaroWinkler
{
    private const int MaxLength = 64;
    private const double PrefixScale = 0.1;

    public static double Similarity(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.Length > MaxLength)
        {
            a = a[..MaxLength];
        }

        if (b.Length > MaxLength)
        {
            b = b[..MaxLength];
        }

        if (a.Length == 0 || b.Length == 0)
        {
            return a.Length == b.Length ? 1.0 : 0.0;
        }

        if (a.SequenceEqual(b))
        {
            return 1.0;
        }

        var window = Math.Max(0, (Math.Max(a.Length, b.Length) / 2) - 1);
        Span<bool> aMatched = stackalloc bool[a.Length];
        Span<bool> bMatched = stackalloc bool[b.Length];
        var matches = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var from = Math.Max(0, i - window);
            var to = Math.Min(b.Length - 1, i + window);
            for (var j = from; j <= to; j++)
            {
                if (!bMatched[j] && a[i] == b[j])
                {
                    aMatched[i] = true;
                    bMatched[j] = true;
                    matches++;
                    break;
                }
            }
        }

        if (matches == 0)
        {
            return 0.0;
        }

        var halfTranspositions = 0;
        for (int i = 0, j = 0; i < a.Length; i++)
        {
            if (!aMatched[i])
            {
                continue;
            }

            while (!bMatched[j])
            {
                j++;
            }

            if (a[i] != b[j])
            {
                halfTranspositions++;
            }

            j++;
        }

        double m = matches;
        var jaro = ((m / a.Length) + (m / b.Length) + ((m - (halfTranspositions / 2)) / m)) / 3.0;
        var prefix = 0;
        var maxPrefix = Math.Min(4, Math.Min(a.Length, b.Length));
        while (prefix < maxPrefix && a[prefix] == b[prefix])
        {
            prefix++;
        }

        return jaro + (prefix * PrefixScale * (1.0 - jaro));
    }
}
