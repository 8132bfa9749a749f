namespace Compliance.Api.Customers;

/// <summary>
/// Bound from the <c>Vault</c> section. The crypto settings themselves are the <c>Crypto</c> section
/// (<see cref="Compliance.Crypto.CryptoOptions"/>); what is not configured there is generated on
/// first start into <see cref="KeyDirectory"/> (mode 0700, files 0600): the development default.
/// </summary>
internal sealed class VaultOptions
{
    public const string Section = "Vault";

    public string KeyDirectory { get; set; } = ".data/keys";
}
