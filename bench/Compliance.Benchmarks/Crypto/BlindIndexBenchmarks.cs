using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Compliance.Crypto;

namespace Compliance.Benchmarks.Crypto;

/// <summary>Blind index of one national id and one email (per-field key already derived). Target: ≤ 3 µs.</summary>
[MemoryDiagnoser]
public class BlindIndexBenchmarks
{
    private static readonly BlindIndexField NationalId = new("kyc_subject.national_id", BlindIndexNormalization.Identifier);
    private static readonly BlindIndexField Email = new("kyc_subject.email", BlindIndexNormalization.Email);

    private readonly byte[] _destination = new byte[BlindIndexField.DefaultLength];
    private BlindIndexer _indexer = null!;

    [GlobalSetup]
    public void Setup()
    {
        _indexer = new BlindIndexer(RandomNumberGenerator.GetBytes(32));
        _indexer.Compute(NationalId, "warm-up");
        _indexer.Compute(Email, "warm@up");
    }

    [GlobalCleanup]
    public void Cleanup() => _indexer.Dispose();

    [Benchmark]
    public byte[] NationalIdIndex() => _indexer.Compute(NationalId, "AB-123 456-C");

    [Benchmark]
    public int NationalIdIndexIntoSpan() => _indexer.Compute(NationalId, "AB-123 456-C", _destination);

    [Benchmark]
    public byte[] EmailIndex() => _indexer.Compute(Email, " Jane.Doe@Example.com ");
}
