using System.Security.Cryptography;

namespace Compliance.Crypto;

/// <summary>
/// A key encryption key provider failed: the key ring file is unsafe or damaged, a key id is
/// unknown, or Key Vault answered with an error. Carries what an operator needs, never key material.
/// </summary>
public sealed class KeyProviderException : CryptographicException
{
    public KeyProviderException(string providerName, string? keyId, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ProviderName = providerName;
        KeyId = keyId;
    }

    /// <summary>The provider that failed, e.g. "local" or "azure-key-vault".</summary>
    public string ProviderName { get; }

    /// <summary>The versioned key id involved, when known.</summary>
    public string? KeyId { get; }

    /// <summary>The HTTP status of a remote provider's answer, when there was one.</summary>
    public int? Status { get; init; }

    /// <summary>The service's error code (e.g. Key Vault's "BadParameter", "Forbidden", "Throttled").</summary>
    public string? ErrorCode { get; init; }

    /// <summary>The service's request id (Key Vault's x-ms-request-id), for support tickets.</summary>
    public string? RequestId { get; init; }

    /// <summary>True when retrying later may succeed (throttling, 5xx, network).</summary>
    public bool IsTransient { get; init; }
}
