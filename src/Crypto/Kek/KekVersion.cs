namespace Compliance.Crypto;

/// <summary>One version of a key encryption key.</summary>
/// <param name="KeyId">The full versioned key id, as stored with wrapped keys.</param>
/// <param name="Version">The version part of the id.</param>
/// <param name="CreatedOn">When the version was created, when the provider knows.</param>
/// <param name="Enabled">Whether the provider will use the version (disabled versions cannot unwrap).</param>
public sealed record KekVersion(string KeyId, string Version, DateTimeOffset? CreatedOn, bool Enabled);
