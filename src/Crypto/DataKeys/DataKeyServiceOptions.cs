namespace Compliance.Crypto;

/// <summary>Options for <see cref="DataKeyService"/>.</summary>
public sealed record DataKeyServiceOptions
{
    /// <summary>
    /// Encryptions allowed per data key; at most 2^32 (NIST SP 800-38D §8.3 for random 96-bit nonces).
    /// Per-subject keys see tens of encryptions; lower it to force early re-keying.
    /// </summary>
    public long MaxEncryptionsPerKey { get; init; } = DataKey.MaxGcmInvocations;
}
