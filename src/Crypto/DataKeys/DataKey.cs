using System.Diagnostics;
using System.Security.Cryptography;

namespace Compliance.Crypto;

/// <summary>
/// A plaintext data encryption key (AES-256) for one data subject, held in pinned memory together
/// with its AES-GCM instance. Dispose it (or the lease that handed it out) as soon as it is no
/// longer needed: the key bytes are zeroed and the native cipher context is freed.
/// </summary>
/// <remarks>
/// <para>Thread-safe. <see cref="AesGcm"/> is not, so calls are serialized by a per-key lock; a
/// per-subject key is rarely used by two threads at once.</para>
/// <para>The key counts its encryptions and refuses to exceed <see cref="UsageLimit"/>
/// (NIST SP 800-38D §8.3: at most 2^32 invocations per key with random 96-bit nonces). The count
/// starts at the number the store says the key has already been used for, so the limit holds
/// across processes when the store persists <see cref="EncryptionCount"/>.</para>
/// <para>Lifetime is reference counted: the creator holds one reference, each
/// <see cref="DataKeyLease"/> one more; the key material is destroyed when the last is released,
/// so a cache eviction never pulls the key from under an encryption in progress.</para>
/// </remarks>
[DebuggerDisplay("DataKey {Id}")]
public sealed class DataKey : IDisposable
{
    public const int KeySize = 32;

    /// <summary>NIST SP 800-38D §8.3 ceiling for random-nonce GCM.</summary>
    public const long MaxGcmInvocations = 1L << 32;

    private readonly Lock _lock = new();
    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    private readonly byte[] _key;
    private readonly AesGcm _aes;
    private long _encryptionCount;
    private int _references = 1;
    private int _ownerReleased;

    /// <summary>Takes a copy of <paramref name="keyMaterial"/>; the caller still zeroes its own buffer.</summary>
    internal DataKey(DataKeyId id, ReadOnlySpan<byte> keyMaterial, long encryptionsSoFar, long usageLimit)
    {
        if (keyMaterial.Length != KeySize)
        {
            throw new CryptographicException($"A data key must be {KeySize} bytes; the key material supplied for data key {id} is {keyMaterial.Length} bytes.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(encryptionsSoFar);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(usageLimit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(usageLimit, MaxGcmInvocations);

        Id = id;
        UsageLimit = usageLimit;
        _encryptionCount = encryptionsSoFar;
        _key = GC.AllocateUninitializedArray<byte>(KeySize, pinned: true);
        keyMaterial.CopyTo(_key);
        _aes = new AesGcm(_key, EnvelopeFormat.TagSize);
    }

    public DataKeyId Id { get; }

    /// <summary>How many encryptions this key has done, including those the store reported at load.</summary>
    public long EncryptionCount => Interlocked.Read(ref _encryptionCount);

    /// <summary>The most encryptions this key will do before refusing.</summary>
    public long UsageLimit { get; }

    /// <summary>True once the key material has been zeroed.</summary>
    public bool IsDestroyed => Volatile.Read(ref _references) == 0;

    /// <summary>Releases the creator's reference; the key is destroyed when no lease holds it.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _ownerReleased, 1) == 0)
        {
            Release();
        }
    }

    public override string ToString() => $"DataKey {Id}";

    internal bool TryAddReference()
    {
        var current = Volatile.Read(ref _references);
        while (current > 0)
        {
            var seen = Interlocked.CompareExchange(ref _references, current + 1, current);
            if (seen == current)
            {
                return true;
            }

            current = seen;
        }

        return false;
    }

    internal void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0)
        {
            lock (_lock)
            {
                CryptographicOperations.ZeroMemory(_key);
                _aes.Dispose();
            }
        }
    }

    /// <summary>For tests: whether every byte of the key buffer is zero.</summary>
    internal bool KeyBufferIsZero() => !_key.AsSpan().ContainsAnyExcept((byte)0);

    /// <summary>For wrapping a newly created key; the caller zeroes the copy.</summary>
    internal void CopyKeyTo(Span<byte> destination)
    {
        lock (_lock)
        {
            ThrowIfDestroyed();
            _key.CopyTo(destination);
        }
    }

    internal void Encrypt(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext, Span<byte> tag, ReadOnlySpan<byte> associatedData)
    {
        // Count before encrypting so concurrent callers cannot jointly overshoot the limit.
        if (Interlocked.Increment(ref _encryptionCount) > UsageLimit)
        {
            Interlocked.Decrement(ref _encryptionCount);
            throw new KeyUsageLimitExceededException(Id, UsageLimit);
        }

        lock (_lock)
        {
            ThrowIfDestroyed();
            _aes.Encrypt(nonce, plaintext, ciphertext, tag, associatedData);
        }
    }

    /// <summary>Throws <see cref="AuthenticationTagMismatchException"/> when the tag does not verify.</summary>
    internal void Decrypt(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag, Span<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        lock (_lock)
        {
            ThrowIfDestroyed();
            _aes.Decrypt(nonce, ciphertext, tag, plaintext, associatedData);
        }
    }

    private void ThrowIfDestroyed()
    {
        if (Volatile.Read(ref _references) == 0)
        {
            throw new ObjectDisposedException(nameof(DataKey), $"Data key {Id} has been destroyed (disposed or evicted).");
        }
    }
}
