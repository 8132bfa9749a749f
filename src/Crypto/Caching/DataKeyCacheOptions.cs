namespace Compliance.Crypto;

/// <summary>Limits for <see cref="DataKeyCache"/> (AWS Encryption SDK's cache thresholds, plus a size bound).</summary>
public sealed record DataKeyCacheOptions
{
    /// <summary>How long an unwrapped key stays cached after it was loaded (not sliding). Default 10 minutes.</summary>
    public TimeSpan TimeToLive { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Encryptions a cached entry may serve before it is dropped and unwrapped again (checked when
    /// the key is leased, so a lease already out may finish its work). Default 2^20. The hard
    /// per-key limit is <see cref="DataKeyServiceOptions.MaxEncryptionsPerKey"/>.
    /// </summary>
    public long MaxEncryptionsPerEntry { get; init; } = 1L << 20;

    /// <summary>Most keys held; the least recently used is evicted beyond it. Default 100,000 (~10 MB).</summary>
    public int MaxEntries { get; init; } = 100_000;

    /// <summary>How often expired keys are swept (and zeroed) even if nobody asks for them. Default 1 minute.</summary>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromMinutes(1);
}
