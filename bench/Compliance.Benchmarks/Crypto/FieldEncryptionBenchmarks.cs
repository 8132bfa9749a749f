using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Compliance.Crypto;

namespace Compliance.Benchmarks.Crypto;

/// <summary>
/// One field (a 31-byte value, the spec's reference size) encrypted and decrypted with a cached
/// data key. Targets: median ≤ 5 µs each.
/// </summary>
[MemoryDiagnoser]
public class FieldEncryptionBenchmarks
{
    private static readonly EncryptionContext Context = new("kyc_subject", "national_id", "3f2a6c1e-0b7d-4e55-9a41-2c8d7e6f1a90");

    private readonly byte[] _plaintext = "AB123456C / passport 0000000001"u8.ToArray();
    private readonly string _plaintextString = "AB123456C / passport 0000000001";
    private DataKey _key = null!;
    private DataKeyCache _cache = null!;
    private byte[] _envelope = null!;
    private byte[] _envelopeBuffer = null!;
    private byte[] _plaintextBuffer = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _key = new DataKey(DataKeyId.New(), RandomNumberGenerator.GetBytes(32), 0, DataKey.MaxGcmInvocations);
        _cache = new DataKeyCache(new DataKeyCacheOptions { MaxEncryptionsPerEntry = long.MaxValue });
        var cached = new DataKey(_key.Id, RandomNumberGenerator.GetBytes(32), 0, DataKey.MaxGcmInvocations);
        (await _cache.GetOrLoadAsync(_key.Id, _ => Task.FromResult(cached))).Dispose();
        _envelope = FieldEncryptor.Encrypt(_key, _plaintext, Context);
        _envelopeBuffer = new byte[FieldEncryptor.GetEncryptedLength(_plaintext.Length)];
        _plaintextBuffer = new byte[_plaintext.Length];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _key.Dispose();
        _cache.Dispose();
    }

    [Benchmark]
    public byte[] Encrypt() => FieldEncryptor.Encrypt(_key, _plaintext, Context);

    [Benchmark]
    public int EncryptIntoSpan() => FieldEncryptor.Encrypt(_key, _plaintext, Context, _envelopeBuffer);

    [Benchmark]
    public byte[] EncryptString() => FieldEncryptor.Encrypt(_key, _plaintextString, Context);

    [Benchmark]
    public byte[] Decrypt() => FieldEncryptor.Decrypt(_key, _envelope, Context);

    [Benchmark]
    public int DecryptIntoSpan() => FieldEncryptor.Decrypt(_key, _envelope, Context, _plaintextBuffer);

    [Benchmark]
    public string DecryptString() => FieldEncryptor.DecryptString(_key, _envelope, Context);

    /// <summary>The full hot path of a request: cache lookup, lease, encrypt, release.</summary>
    [Benchmark]
    public byte[] CacheLeaseAndEncrypt()
    {
        _cache.TryGet(_key.Id, out var lease);
        using (lease)
        {
            return FieldEncryptor.Encrypt(lease!.Key, _plaintext, Context);
        }
    }
}
