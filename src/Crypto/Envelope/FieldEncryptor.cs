using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Compliance.Crypto;

/// <summary>
/// Encrypts and decrypts one field value with a subject's data key (AES-256-GCM), producing the
/// versioned envelope described in <see cref="EnvelopeFormat"/> and docs/crypto-envelope.md.
/// </summary>
/// <remarks>
/// Every failure to decrypt is one <see cref="CryptographicException"/> whose message names the
/// table and field (never the value, the key or the subject id). A failed decryption never returns
/// bytes: AES-GCM verifies the tag before releasing plaintext and the destination is cleared.
/// The span overloads allocate nothing; the array and string overloads allocate only the result.
/// </remarks>
public static class FieldEncryptor
{
    /// <summary>Envelope length for a plaintext of <paramref name="plaintextLength"/> bytes.</summary>
    public static int GetEncryptedLength(int plaintextLength) => EnvelopeFormat.GetEnvelopeLength(plaintextLength);

    /// <summary>Plaintext length carried by an envelope of <paramref name="envelopeLength"/> bytes.</summary>
    public static int GetDecryptedLength(int envelopeLength)
    {
        if (envelopeLength < EnvelopeFormat.Overhead)
        {
            throw new CryptographicException($"An encrypted field value is at least {EnvelopeFormat.Overhead} bytes; got {envelopeLength}: it is truncated or not an encrypted value.");
        }

        return envelopeLength - EnvelopeFormat.Overhead;
    }

    public static byte[] Encrypt(DataKey key, ReadOnlySpan<byte> plaintext, in EncryptionContext context)
    {
        var envelope = new byte[GetEncryptedLength(plaintext.Length)];
        Encrypt(key, plaintext, context, envelope);
        return envelope;
    }

    /// <summary>Encrypts the UTF-8 encoding of <paramref name="plaintext"/>.</summary>
    public static byte[] Encrypt(DataKey key, string plaintext, in EncryptionContext context)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        var byteCount = Encoding.UTF8.GetByteCount(plaintext);
        var rented = ArrayPool<byte>.Shared.Rent(byteCount);
        try
        {
            var utf8 = rented.AsSpan(0, Encoding.UTF8.GetBytes(plaintext, rented));
            return Encrypt(key, utf8, context);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(rented.AsSpan(0, byteCount));
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Writes the envelope into <paramref name="destination"/> and returns its length.</summary>
    public static int Encrypt(DataKey key, ReadOnlySpan<byte> plaintext, in EncryptionContext context, Span<byte> destination)
    {
        Span<byte> nonce = stackalloc byte[EnvelopeFormat.NonceSize];
        RandomNumberGenerator.Fill(nonce);
        return Encrypt(key, plaintext, context, nonce, destination);
    }

    /// <summary>Encryption with a caller-chosen nonce: only for the published test vectors.</summary>
    internal static int Encrypt(DataKey key, ReadOnlySpan<byte> plaintext, in EncryptionContext context, ReadOnlySpan<byte> nonce, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(key);
        ThrowIfDefault(context);
        var length = GetEncryptedLength(plaintext.Length);
        if (destination.Length < length)
        {
            throw new ArgumentException($"The destination must hold {length} bytes.", nameof(destination));
        }

        var envelope = destination[..length];
        envelope[EnvelopeFormat.VersionOffset] = EnvelopeFormat.Version1;
        envelope[EnvelopeFormat.AlgorithmOffset] = EnvelopeFormat.AlgorithmAes256Gcm;
        key.Id.Write(envelope[EnvelopeFormat.KeyIdOffset..]);
        nonce.CopyTo(envelope.Slice(EnvelopeFormat.NonceOffset, EnvelopeFormat.NonceSize));

        Span<byte> aad = stackalloc byte[EnvelopeAad.MaxLength];
        aad = aad[..EnvelopeAad.Write(envelope, context, aad)];

        key.Encrypt(
            envelope.Slice(EnvelopeFormat.NonceOffset, EnvelopeFormat.NonceSize),
            plaintext,
            envelope.Slice(EnvelopeFormat.CiphertextOffset, plaintext.Length),
            envelope.Slice(EnvelopeFormat.CiphertextOffset + plaintext.Length, EnvelopeFormat.TagSize),
            aad);
        return length;
    }

    public static byte[] Decrypt(DataKey key, ReadOnlySpan<byte> envelope, in EncryptionContext context)
    {
        ThrowIfDefault(context);
        var plaintext = new byte[PlaintextLength(envelope, context)];
        Decrypt(key, envelope, context, plaintext);
        return plaintext;
    }

    /// <summary>Decrypts a value that was encrypted from a string.</summary>
    public static string DecryptString(DataKey key, ReadOnlySpan<byte> envelope, in EncryptionContext context)
    {
        ThrowIfDefault(context);
        var length = PlaintextLength(envelope, context);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var plaintext = rented.AsSpan(0, Decrypt(key, envelope, context, rented));
            return Encoding.UTF8.GetString(plaintext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(rented.AsSpan(0, length));
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Writes the plaintext into <paramref name="destination"/> and returns its length.</summary>
    public static int Decrypt(DataKey key, ReadOnlySpan<byte> envelope, in EncryptionContext context, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(key);
        ThrowIfDefault(context);
        var header = ReadHeader(envelope, context);
        if (header != key.Id)
        {
            throw new CryptographicException(
                $"The value in {context} was encrypted under data key {header}, but data key {key.Id} was supplied: load the key named in the envelope (or the value was copied from another subject's row).");
        }

        var length = envelope.Length - EnvelopeFormat.Overhead;
        if (destination.Length < length)
        {
            throw new ArgumentException($"The destination must hold {length} bytes.", nameof(destination));
        }

        Span<byte> aad = stackalloc byte[EnvelopeAad.MaxLength];
        aad = aad[..EnvelopeAad.Write(envelope, context, aad)];
        try
        {
            key.Decrypt(
                envelope.Slice(EnvelopeFormat.NonceOffset, EnvelopeFormat.NonceSize),
                envelope.Slice(EnvelopeFormat.CiphertextOffset, length),
                envelope.Slice(EnvelopeFormat.CiphertextOffset + length, EnvelopeFormat.TagSize),
                destination[..length],
                aad);
        }
        catch (AuthenticationTagMismatchException ex)
        {
            CryptographicOperations.ZeroMemory(destination[..length]);
            throw new CryptographicException(
                $"The value in {context} failed authentication: it was altered, or it was encrypted for another subject, table or field and copied here.",
                ex);
        }

        return length;
    }

    /// <summary>
    /// Reads the data key id from an envelope's header, so the store can load the right key.
    /// Returns false for a value that is too short or of an unknown version or algorithm.
    /// </summary>
    public static bool TryReadKeyId(ReadOnlySpan<byte> envelope, out DataKeyId keyId)
    {
        if (envelope.Length < EnvelopeFormat.Overhead
            || envelope[EnvelopeFormat.VersionOffset] != EnvelopeFormat.Version1
            || envelope[EnvelopeFormat.AlgorithmOffset] != EnvelopeFormat.AlgorithmAes256Gcm)
        {
            keyId = default;
            return false;
        }

        keyId = DataKeyId.Read(envelope[EnvelopeFormat.KeyIdOffset..]);
        return true;
    }

    private static int PlaintextLength(ReadOnlySpan<byte> envelope, in EncryptionContext context)
    {
        ReadHeader(envelope, context);
        return envelope.Length - EnvelopeFormat.Overhead;
    }

    private static DataKeyId ReadHeader(ReadOnlySpan<byte> envelope, in EncryptionContext context)
    {
        if (envelope.Length < EnvelopeFormat.Overhead)
        {
            throw new CryptographicException($"The value in {context} is {envelope.Length} bytes, shorter than the {EnvelopeFormat.Overhead}-byte envelope overhead: it is truncated or not an encrypted value.");
        }

        if (envelope[EnvelopeFormat.VersionOffset] != EnvelopeFormat.Version1)
        {
            throw new CryptographicException($"The value in {context} has envelope format version 0x{envelope[EnvelopeFormat.VersionOffset]:x2}; this library reads version 0x{EnvelopeFormat.Version1:x2}.");
        }

        if (envelope[EnvelopeFormat.AlgorithmOffset] != EnvelopeFormat.AlgorithmAes256Gcm)
        {
            throw new CryptographicException($"The value in {context} names algorithm id 0x{envelope[EnvelopeFormat.AlgorithmOffset]:x2}; this library knows only 0x{EnvelopeFormat.AlgorithmAes256Gcm:x2} (AES-256-GCM).");
        }

        return DataKeyId.Read(envelope[EnvelopeFormat.KeyIdOffset..]);
    }

    private static void ThrowIfDefault(in EncryptionContext context)
    {
        if (context.Table is null)
        {
            throw new ArgumentException("The encryption context is empty (default); name the table, field and subject.", nameof(context));
        }
    }
}
