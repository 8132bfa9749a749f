using System.Globalization;

namespace Compliance.Api.Kyc.Callbacks.Verifiers;

/// <summary>Parsing and the replay-window check of signed Unix timestamps.</summary>
internal static class SignatureTimestamp
{
    /// <summary>Digits only (no sign, no spaces), so <c>+1</c> or <c>1e9</c> cannot slip through as a time.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out long unixSeconds)
    {
        unixSeconds = 0;
        if (text.IsEmpty || text.Length > 18)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out unixSeconds);
    }

    /// <summary>
    /// The window is symmetric: a timestamp as far in the future as the tolerance allows in the past is
    /// accepted, one further is not (a clock-skewed or forged future time would otherwise extend a replay).
    /// </summary>
    public static bool IsFresh(long unixSeconds, DateTimeOffset now, TimeSpan tolerance)
    {
        var nowSeconds = now.ToUnixTimeSeconds();
        var toleranceSeconds = (long)Math.Abs(tolerance.TotalSeconds);

        // Both bounds stay far from overflow: now is within year 1..9999 and a TimeSpan is under 2^40 s.
        return unixSeconds >= nowSeconds - toleranceSeconds && unixSeconds <= nowSeconds + toleranceSeconds;
    }
}
