namespace Compliance.Crypto;

/// <summary>
/// A source of key encryption keys (KEKs) that wraps and unwraps data keys. Each wrap is done
/// under the provider's current KEK version and returns the full versioned key id, which the store
/// persists and passes back to <see cref="UnwrapAsync"/>: unwrap always uses exactly that version.
/// </summary>
/// <remarks>
/// Implementations: <see cref="LocalKeyRingProvider"/> (versioned AES-256 keys in a 0600 file or
/// from configuration) and <see cref="AzureKeyVaultKeyProvider"/> (RSA-OAEP-256 over Key Vault's
/// REST API). Both pass the same contract test suite. Failures throw <see cref="KeyProviderException"/>.
/// </remarks>
public interface IKeyEncryptionKeyProvider
{
    /// <summary>Stable provider name stored with every wrapped key ("local", "azure-key-vault").</summary>
    string Name { get; }

    /// <summary>The full versioned id of the KEK that new wraps use.</summary>
    Task<string> GetCurrentKeyIdAsync(CancellationToken cancellationToken = default);

    /// <summary>Wraps <paramref name="plaintextKey"/> under the current KEK version.</summary>
    Task<KekWrapResult> WrapAsync(ReadOnlyMemory<byte> plaintextKey, CancellationToken cancellationToken = default);

    /// <summary>
    /// Unwraps with the exact KEK version named by <paramref name="keyId"/>. The caller owns the
    /// returned array and must zero it (<c>CryptographicOperations.ZeroMemory</c>).
    /// </summary>
    Task<byte[]> UnwrapAsync(string keyId, string algorithm, ReadOnlyMemory<byte> wrappedKey, CancellationToken cancellationToken = default);

    /// <summary>Creates a new KEK version, which becomes current; old versions keep unwrapping.</summary>
    Task<string> RotateAsync(CancellationToken cancellationToken = default);

    /// <summary>Every KEK version, oldest first.</summary>
    Task<IReadOnlyList<KekVersion>> ListVersionsAsync(CancellationToken cancellationToken = default);
}
