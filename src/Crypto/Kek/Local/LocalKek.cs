using System.Security.Cryptography;

namespace Compliance.Crypto;

/// <summary>One version of a local KEK, held in pinned memory and zeroed on dispose.</summary>
internal sealed class LocalKek : IDisposable
{
    public const int KeySize = 32;

    private readonly byte[] _key;

    public LocalKek(int version, DateTimeOffset? createdOn, ReadOnlySpan<byte> key)
    {
        if (key.Length != KeySize)
        {
            throw new CryptographicException($"Local KEK version {version} must be {KeySize} bytes, not {key.Length}.");
        }

        Version = version;
        CreatedOn = createdOn;
        _key = GC.AllocateUninitializedArray<byte>(KeySize, pinned: true);
        key.CopyTo(_key);
    }

    public int Version { get; }

    public DateTimeOffset? CreatedOn { get; }

    public ReadOnlySpan<byte> Key => _key;

    public static LocalKek Generate(int version, DateTimeOffset createdOn)
    {
        Span<byte> key = stackalloc byte[KeySize];
        RandomNumberGenerator.Fill(key);
        try
        {
            return new LocalKek(version, createdOn, key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    public void Dispose() => CryptographicOperations.ZeroMemory(_key);

    public override string ToString() => $"LocalKek v{Version}";
}
