using System.Security.Cryptography;
using System.Text;

namespace Compliance.Api.Kyc.Callbacks.Verifiers;

/// <summary>HMAC computation and constant-time comparison shared by the verifiers.</summary>
internal static class WebhookHmac
{
    /// <summary>The key most providers use: the secret text itself as UTF-8, never decoded.</summary>
    public static byte[] TextKey(string secret) => Encoding.UTF8.GetBytes(secret);

    public static byte[] Compute(HmacAlgorithm algorithm, ReadOnlySpan<byte> key, ReadOnlySpan<byte> message) => algorithm switch
    {
        HmacAlgorithm.Sha1 => HMACSHA1.HashData(key, message),
        HmacAlgorithm.Sha256 => HMACSHA256.HashData(key, message),
        HmacAlgorithm.Sha512 => HMACSHA512.HashData(key, message),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, null),
    };

    /// <summary>
    /// True when any candidate equals the HMAC of <paramref name="message"/> under any usable secret.
    /// Every pair is compared (no early exit on the first secret) so timing does not tell which secret matched.
    /// </summary>
    public static bool AnyMatches(
        HmacAlgorithm algorithm, IEnumerable<byte[]> keys, ReadOnlySpan<byte> message, IReadOnlyList<byte[]> candidates)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(candidates);
        var matched = false;
        foreach (var key in keys)
        {
            var expected = Compute(algorithm, key, message);
            foreach (var candidate in candidates)
            {
                // FixedTimeEquals is false on a length mismatch, so a short or long signature is just "no match".
                matched |= CryptographicOperations.FixedTimeEquals(expected, candidate);
            }
        }

        return matched;
    }

    /// <summary><c>prefix</c> as UTF-8 followed by the raw body: the signed payload of Stripe, Persona and Standard Webhooks.</summary>
    public static byte[] Prefixed(string prefix, ReadOnlySpan<byte> body)
    {
        var prefixLength = Encoding.UTF8.GetByteCount(prefix);
        var message = new byte[prefixLength + body.Length];
        Encoding.UTF8.GetBytes(prefix, message);
        body.CopyTo(message.AsSpan(prefixLength));
        return message;
    }
}
