namespace Compliance.Crypto;

/// <summary>
/// Canonicalizes values before indexing. Lookups must apply the same rules, so they are versioned
/// with the key derivation ("compliance/blind-index/v1"): changing a rule means a new index column.
/// </summary>
/// <remarks>
/// The process runs with invariant globalization, where <see cref="string.Normalize()"/> is a no-op,
/// so Unicode compatibility folding is limited to the full-width ASCII block (U+FF01..U+FF5E),
/// which is what East Asian keyboards produce for ids and emails. Casing is invariant (ordinal).
/// </remarks>
internal static class BlindIndexNormalizer
{
    /// <summary>Writes the canonical form into <paramref name="destination"/> (at least value.Length chars) and returns its length.</summary>
    public static int Normalize(ReadOnlySpan<char> value, BlindIndexNormalization normalization, Span<char> destination)
    {
        switch (normalization)
        {
            case BlindIndexNormalization.Exact:
                value.CopyTo(destination);
                return value.Length;
            case BlindIndexNormalization.Identifier:
                return Identifier(value, destination);
            case BlindIndexNormalization.Email:
                return Email(value, destination);
            case BlindIndexNormalization.Text:
                return Text(value, destination);
            default:
                throw new ArgumentOutOfRangeException(nameof(normalization), normalization, "Unknown blind index normalization.");
        }
    }

    private static char FoldWidth(char c) => c is >= '\uFF01' and <= '\uFF5E' ? (char)(c - 0xFEE0) : c == '\u3000' ? ' ' : c;

    private static int Identifier(ReadOnlySpan<char> value, Span<char> destination)
    {
        var length = 0;
        foreach (var raw in value)
        {
            var c = FoldWidth(raw);
            if (char.IsLetterOrDigit(c))
            {
                destination[length++] = char.ToUpperInvariant(c);
            }
        }

        return length;
    }

    private static int Email(ReadOnlySpan<char> value, Span<char> destination)
    {
        var length = 0;
        foreach (var raw in value)
        {
            destination[length++] = char.ToLowerInvariant(FoldWidth(raw));
        }

        var trimmed = destination[..length].Trim();
        trimmed.CopyTo(destination);
        return trimmed.Length;
    }

    private static int Text(ReadOnlySpan<char> value, Span<char> destination)
    {
        var length = 0;
        var pendingSpace = false;
        foreach (var raw in value)
        {
            var c = FoldWidth(raw);
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = length > 0;
                continue;
            }

            if (pendingSpace)
            {
                destination[length++] = ' ';
                pendingSpace = false;
            }

            destination[length++] = char.ToLowerInvariant(c);
        }

        return length;
    }
}
