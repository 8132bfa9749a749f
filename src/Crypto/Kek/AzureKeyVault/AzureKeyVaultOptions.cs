namespace Compliance.Crypto;

/// <summary>Where the Key Vault KEK lives and how to talk to it.</summary>
public sealed record AzureKeyVaultOptions
{
    /// <summary>The vault, e.g. https://my-vault.vault.azure.net (Managed HSM: https://my-hsm.managedhsm.azure.net).</summary>
    public required Uri VaultUri { get; init; }

    /// <summary>The RSA key (RSA or RSA-HSM, 2048 bits or more) new data keys are wrapped under.</summary>
    public required string KeyName { get; init; }

    /// <summary>Data-plane api-version; the wrap/unwrap shapes are the same from 7.0 to 2025-07-01.</summary>
    public string ApiVersion { get; init; } = "7.5";

    /// <summary>Token scope; Managed HSM uses https://managedhsm.azure.net/.default.</summary>
    public string Scope { get; init; } = "https://vault.azure.net/.default";

    /// <summary>Retries of throttled (429) or failed (408, 5xx, network) calls. Default 3.</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>First back-off delay when the service gives no Retry-After; doubles each retry.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(800);

    /// <summary>
    /// Longest Retry-After the client will wait out. A 429 asking for more fails at once (as a
    /// transient <see cref="KeyProviderException"/>) rather than stall a request. Default 30 s.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(30);
}
