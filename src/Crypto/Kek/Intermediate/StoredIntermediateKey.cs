namespace Compliance.Crypto;

/// <summary>
/// One version of an intermediate (per-tenant) key as the store persists it: AES-256 key material
/// wrapped by the KEK provider.
/// </summary>
/// <param name="Scope">The tenant (or tenant × epoch) the key serves.</param>
/// <param name="Version">1, 2, ... unique per scope; the highest is current.</param>
/// <param name="KekProviderName">The KEK provider that wrapped it.</param>
/// <param name="KekId">The full versioned KEK id used to wrap.</param>
/// <param name="Algorithm">The KEK provider's wrap algorithm.</param>
/// <param name="WrappedKey">The wrapped key bytes.</param>
/// <param name="CreatedOn">When the version was created.</param>
public sealed record StoredIntermediateKey(
    string Scope,
    int Version,
    string KekProviderName,
    string KekId,
    string Algorithm,
    ReadOnlyMemory<byte> WrappedKey,
    DateTimeOffset CreatedOn)
{
    public override string ToString() => $"StoredIntermediateKey {Scope} v{Version} ({KekProviderName} {KekId})";
}
