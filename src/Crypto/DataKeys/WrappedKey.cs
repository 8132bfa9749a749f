namespace Compliance.Crypto;

/// <summary>
/// A subject's data key as the store persists it: wrapped by a KEK, next to the subject. Destroying
/// this row (and its backups) crypto-shreds every value encrypted for the subject.
/// </summary>
/// <param name="DataKeyId">The DEK's id, also written in every envelope it encrypts.</param>
/// <param name="SubjectId">The data subject (customer) the key belongs to.</param>
/// <param name="ProviderName">The KEK provider that wrapped it (<see cref="IKeyEncryptionKeyProvider.Name"/>).</param>
/// <param name="KekId">The full versioned KEK id used to wrap; unwrap uses exactly this version.</param>
/// <param name="Algorithm">The wrap algorithm, e.g. "RSA-OAEP-256" or "A256GCM-KW".</param>
/// <param name="Ciphertext">The wrapped key bytes.</param>
public sealed record WrappedKey(
    DataKeyId DataKeyId,
    string SubjectId,
    string ProviderName,
    string KekId,
    string Algorithm,
    ReadOnlyMemory<byte> Ciphertext)
{
    /// <summary>No key bytes and no subject id: safe to log.</summary>
    public override string ToString() => $"WrappedKey {DataKeyId} ({ProviderName} {KekId}, {Algorithm})";
}
