using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Compliance.Crypto;

/// <summary>
/// Key wrapping with AES-256-GCM ("A256GCM-KW"; .NET has no RFC 3394 AES-KW), the key id bound as
/// AAD so a wrapped key cannot be relabelled to another version or ring:
/// <code>
///  wrapped = nonce (12) || ciphertext (len(key)) || tag (16)          = 60 bytes for a 32-byte key
///  AAD     = uint32le(19) || "compliance/kek-wrap" || uint32le(len(id)) || UTF-8(id)
/// </code>
/// Used by the local key ring and by the intermediate (per-tenant) key tier.
/// </summary>
internal static class AesGcmKeyWrap
{
    public const string Algorithm = "A256GCM-KW";

    private const int NonceSize = 12;
    private const int TagSize = 16;

    public static byte[] Wrap(ReadOnlySpan<byte> kek, string keyId, ReadOnlySpan<byte> plaintextKey)
    {
        var wrapped = new byte[NonceSize + plaintextKey.Length + TagSize];
        RandomNumberGenerator.Fill(wrapped.AsSpan(0, NonceSize));
        using var aes = new AesGcm(kek, TagSize);
        aes.Encrypt(
            wrapped.AsSpan(0, NonceSize),
            plaintextKey,
            wrapped.AsSpan(NonceSize, plaintextKey.Length),
            wrapped.AsSpan(NonceSize + plaintextKey.Length),
            Aad(keyId));
        return wrapped;
    }

    /// <summary>The caller zeroes the result. Throws <see cref="KeyProviderException"/> on any failure.</summary>
    public static byte[] Unwrap(ReadOnlySpan<byte> kek, string keyId, ReadOnlySpan<byte> wrapped, string providerName)
    {
        if (wrapped.Length < NonceSize + TagSize)
        {
            throw new KeyProviderException(providerName, keyId, $"The key wrapped under {keyId} is truncated ({wrapped.Length} bytes).");
        }

        var plaintext = new byte[wrapped.Length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(kek, TagSize);
            aes.Decrypt(wrapped[..NonceSize], wrapped[NonceSize..^TagSize], wrapped[^TagSize..], plaintext, Aad(keyId));
            return plaintext;
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new KeyProviderException(providerName, keyId, $"The wrapped key failed authentication under {keyId}: it was altered or wrapped under another key.", ex);
        }
    }

    private static byte[] Aad(string keyId)
    {
        var domain = "compliance/kek-wrap"u8;
        var aad = new byte[4 + domain.Length + 4 + Encoding.UTF8.GetByteCount(keyId)];
        BinaryPrimitives.WriteUInt32LittleEndian(aad, (uint)domain.Length);
        domain.CopyTo(aad.AsSpan(4));
        BinaryPrimitives.WriteUInt32LittleEndian(aad.AsSpan(4 + domain.Length), (uint)(aad.Length - 8 - domain.Length));
        Encoding.UTF8.GetBytes(keyId, aad.AsSpan(8 + domain.Length));
        return aad;
    }
}
