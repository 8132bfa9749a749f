using Azure.Core;

namespace Compliance.Crypto;

/// <summary>
/// Azure.Core client options for the Key Vault client: set <see cref="ClientOptions.Transport"/> in
/// tests, diagnostics in production. Request and response bodies are never logged (the default):
/// unwrap responses carry plaintext keys. The provider replaces <see cref="ClientOptions.RetryPolicy"/>
/// with its bounded policy (see <see cref="AzureKeyVaultOptions.MaxRetries"/> and
/// <see cref="AzureKeyVaultOptions.MaxRetryAfter"/>).
/// </summary>
public sealed class KeyVaultClientOptions : ClientOptions
{
}
