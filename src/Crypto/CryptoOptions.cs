namespace Compliance.Crypto;

/// <summary>
/// Everything the vault's crypto needs, as one options object to bind from configuration
/// (e.g. the "Crypto" section) and validate at start-up; <see cref="CryptoServices.Create"/> builds
/// the services from it.
/// </summary>
public sealed record CryptoOptions
{
    /// <summary>Which KEK provider wraps new data keys: <see cref="LocalKeyRingProvider.ProviderName"/> or <see cref="AzureKeyVaultKeyProvider.ProviderName"/>.</summary>
    public string KekProvider { get; init; } = LocalKeyRingProvider.ProviderName;

    /// <summary>Local key ring settings; also used, when set, to unwrap keys wrapped before a move to Key Vault.</summary>
    public LocalKeyRingOptions? LocalKeyRing { get; init; }

    /// <summary>Key Vault settings, required when <see cref="KekProvider"/> is "azure-key-vault".</summary>
    public AzureKeyVaultOptions? AzureKeyVault { get; init; }

    /// <summary>
    /// Optional middle tier: when set (e.g. to the tenant id), data keys are wrapped by a per-scope
    /// intermediate key (<see cref="IntermediateKeyProvider"/>) persisted through the
    /// <see cref="IIntermediateKeyStore"/> given to <see cref="CryptoServices.Create"/>, and the KEK
    /// wraps only intermediate keys. Letters, digits, '-' and '_'.
    /// </summary>
    public string? IntermediateKeyScope { get; init; }

    public DataKeyServiceOptions DataKeys { get; init; } = new();

    public DataKeyCacheOptions Cache { get; init; } = new();

    /// <summary>Base64 of at least 32 random bytes: the blind index root key. A secret; never commit it.</summary>
    public string? BlindIndexRootKey { get; init; }

    /// <summary>Problems with these options, empty when they are usable (for ValidateOnStart).</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        switch (KekProvider)
        {
            case LocalKeyRingProvider.ProviderName when LocalKeyRing is null:
                problems.Add("Crypto:LocalKeyRing is required when Crypto:KekProvider is 'local'.");
                break;
            case LocalKeyRingProvider.ProviderName when LocalKeyRing.Keys is null && string.IsNullOrEmpty(LocalKeyRing.KeyFilePath):
                problems.Add("Crypto:LocalKeyRing needs KeyFilePath or Keys.");
                break;
            case AzureKeyVaultKeyProvider.ProviderName when AzureKeyVault is null:
                problems.Add("Crypto:AzureKeyVault is required when Crypto:KekProvider is 'azure-key-vault'.");
                break;
            case LocalKeyRingProvider.ProviderName or AzureKeyVaultKeyProvider.ProviderName:
                break;
            default:
                problems.Add($"Crypto:KekProvider must be 'local' or 'azure-key-vault', not '{KekProvider}'.");
                break;
        }

        if (string.IsNullOrEmpty(BlindIndexRootKey))
        {
            problems.Add("Crypto:BlindIndexRootKey is required (base64 of 32 random bytes).");
        }
        else if (!IsBase64OfAtLeast(BlindIndexRootKey, BlindIndexer.MinRootKeySize))
        {
            problems.Add($"Crypto:BlindIndexRootKey must be base64 of at least {BlindIndexer.MinRootKeySize} bytes.");
        }

        return problems;
    }

    /// <summary>Names the provider and sources, never the keys.</summary>
    public override string ToString() => $"CryptoOptions {{ KekProvider = {KekProvider}, BlindIndexRootKey = {(BlindIndexRootKey is null ? "unset" : "set")} }}";

    private static bool IsBase64OfAtLeast(string value, int bytes)
    {
        Span<byte> buffer = stackalloc byte[Math.Max(bytes, (value.Length * 3 / 4) + 3)];
        var ok = Convert.TryFromBase64String(value, buffer, out var written) && written >= bytes;
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(buffer);
        return ok;
    }
}
