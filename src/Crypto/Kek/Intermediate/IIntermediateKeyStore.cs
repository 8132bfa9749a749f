namespace Compliance.Crypto;

/// <summary>
/// Persistence for intermediate keys (a small table, e.g. <c>pii_kwk</c>, unique on scope + version).
/// Implemented by the storage layer; an in-memory version is used in tests.
/// </summary>
public interface IIntermediateKeyStore
{
    /// <summary>Every version of the scope's key, oldest first.</summary>
    Task<IReadOnlyList<StoredIntermediateKey>> ListAsync(string scope, CancellationToken cancellationToken = default);

    /// <summary>Adds a version; returns false when that scope + version already exists (another node won).</summary>
    Task<bool> TryAddAsync(StoredIntermediateKey key, CancellationToken cancellationToken = default);

    /// <summary>Replaces the wrapping of an existing version (after a KEK rotation).</summary>
    Task UpdateAsync(StoredIntermediateKey key, CancellationToken cancellationToken = default);
}
