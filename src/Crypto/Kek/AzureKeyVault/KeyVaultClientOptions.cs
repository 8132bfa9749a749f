using Azure.Core;

namespace Compliance.Crypto;

/// <summary>
/// Azure.Core client options for the Key Vault client: set <see cref="ClientOptions.Transport"/> in
/// tests, diagnostics in production. Request and response bodies are never logged (the default):
/// unwrap responses carry plaintext keys.
/// </summary>
public sealed class KeyVaultClientOptions : ClientOptions
{
}
