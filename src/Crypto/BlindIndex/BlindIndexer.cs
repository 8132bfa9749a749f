using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Compliance.Crypto;

/// <summary>
/// Computes blind indexes for exact-match lookup on encrypted columns:
/// <c>Truncate(HMAC-SHA256(K_field, UTF-8(Normalize(value))), Length)</c> with
/// <c>K_field = HKDF-SHA256(root, info = "compliance/blind-index/v1|" + field.Name)</c>.
/// </summary>
/// <remarks>
/// A blind index leaks equality (and so frequency) within its column; see docs/blind-index.md for
/// the trade-off and the choice of length. Never log index values or return them from the API.
/// The root key is separate from every KEK and DEK. Thread-safe.
/// </remarks>
public sealed class BlindIndexer : IDisposable
{
    public const int MinRootKeySize = 32;

    private const int StackLimit = 256;
    private static readonly byte[] InfoPrefix = "compliance/blind-index/v1|"u8.ToArray();

    private readonly byte[] _root;
    private readonly ConcurrentDictionary<string, byte[]> _fieldKeys = new(StringComparer.Ordinal);
    private volatile bool _disposed;

    /// <summary>Copies <paramref name="rootKey"/> (at least 32 random bytes); the caller zeroes its own copy.</summary>
    public BlindIndexer(ReadOnlySpan<byte> rootKey)
    {
        if (rootKey.Length < MinRootKeySize)
        {
            throw new ArgumentException($"The blind index root key must be at least {MinRootKeySize} bytes.", nameof(rootKey));
        }

        _root = GC.AllocateUninitializedArray<byte>(rootKey.Length, pinned: true);
        rootKey.CopyTo(_root);
    }

    /// <summary>From configuration: the base64 of at least 32 random bytes (<c>openssl rand -base64 32</c>).</summary>
    public static BlindIndexer FromBase64(string base64RootKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(base64RootKey);
        var root = Convert.FromBase64String(base64RootKey);
        try
        {
            return new BlindIndexer(root);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(root);
        }
    }

    public byte[] Compute(BlindIndexField field, string value)
    {
        ArgumentNullException.ThrowIfNull(field);
        var index = new byte[field.Length];
        Compute(field, value, index);
        return index;
    }

    /// <summary>Lower-case hex, for a text column; prefer <see cref="Compute(BlindIndexField, string)"/> into bytea.</summary>
    public string ComputeHex(BlindIndexField field, string value) => Convert.ToHexStringLower(Compute(field, value));

    /// <summary>Writes <see cref="BlindIndexField.Length"/> bytes into <paramref name="destination"/>; allocates nothing for short values.</summary>
    public int Compute(BlindIndexField field, ReadOnlySpan<char> value, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(field);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (field.Length is < BlindIndexField.MinLength or > BlindIndexField.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(field), field.Length, $"A blind index keeps {BlindIndexField.MinLength} to {BlindIndexField.MaxLength} bytes.");
        }

        if (destination.Length < field.Length)
        {
            throw new ArgumentException($"The destination must hold {field.Length} bytes.", nameof(destination));
        }

        var key = FieldKey(field.Name);
        char[]? rentedChars = null;
        byte[]? rentedBytes = null;
        var chars = value.Length <= StackLimit ? stackalloc char[StackLimit] : (rentedChars = ArrayPool<char>.Shared.Rent(value.Length));
        var maxBytes = Encoding.UTF8.GetMaxByteCount(value.Length);
        var bytes = maxBytes <= StackLimit * 3 ? stackalloc byte[StackLimit * 3] : (rentedBytes = ArrayPool<byte>.Shared.Rent(maxBytes));
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        var charCount = 0;
        var byteCount = 0;
        try
        {
            charCount = BlindIndexNormalizer.Normalize(value, field.Normalization, chars);
            if (charCount == 0)
            {
                throw new ArgumentException($"The value for blind index '{field.Name}' is empty after normalization.", nameof(value));
            }

            byteCount = Encoding.UTF8.GetBytes(chars[..charCount], bytes);
            HMACSHA256.HashData(key, bytes[..byteCount], mac);
            mac[..field.Length].CopyTo(destination);
            return field.Length;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(MemoryMarshalBytes(chars[..charCount]));
            CryptographicOperations.ZeroMemory(bytes[..byteCount]);
            CryptographicOperations.ZeroMemory(mac);
            if (rentedChars is not null)
            {
                ArrayPool<char>.Shared.Return(rentedChars);
            }

            if (rentedBytes is not null)
            {
                ArrayPool<byte>.Shared.Return(rentedBytes);
            }
        }
    }

    public void Dispose()
    {
        _disposed = true;
        foreach (var key in _fieldKeys.Values)
        {
            CryptographicOperations.ZeroMemory(key);
        }

        _fieldKeys.Clear();
        CryptographicOperations.ZeroMemory(_root);
    }

    public override string ToString() => "BlindIndexer";

    /// <summary>For tests: the derived key of a field.</summary>
    internal ReadOnlySpan<byte> FieldKeyForTest(string fieldName) => FieldKey(fieldName);

    private static Span<byte> MemoryMarshalBytes(Span<char> chars) => System.Runtime.InteropServices.MemoryMarshal.AsBytes(chars);

    private byte[] FieldKey(string fieldName)
    {
        ArgumentException.ThrowIfNullOrEmpty(fieldName);
        return _fieldKeys.TryGetValue(fieldName, out var key) ? key : _fieldKeys.GetOrAdd(fieldName, Derive);
    }

    private byte[] Derive(string fieldName)
    {
        var info = new byte[InfoPrefix.Length + Encoding.UTF8.GetByteCount(fieldName)];
        InfoPrefix.CopyTo(info, 0);
        Encoding.UTF8.GetBytes(fieldName, info.AsSpan(InfoPrefix.Length));
        var key = GC.AllocateUninitializedArray<byte>(32, pinned: true);
        HKDF.DeriveKey(HashAlgorithmName.SHA256, _root, key, salt: [], info);
        return key;
    }
}
