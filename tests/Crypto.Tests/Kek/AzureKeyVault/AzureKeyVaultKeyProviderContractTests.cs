namespace Compliance.Crypto.Tests.Kek.AzureKeyVault;

public sealed class AzureKeyVaultKeyProviderContractTests : KeyEncryptionKeyProviderContractTests, IClassFixture<FakeKeyVaultServerFixture>
{
    private readonly AzureKeyVaultKeyProvider _provider;

    public AzureKeyVaultKeyProviderContractTests(FakeKeyVaultServerFixture fixture)
    {
        var server = fixture.Server;
        var keyName = "kek-" + Guid.NewGuid().ToString("N")[..8];
        server.CreateKey(keyName);
        _provider = new AzureKeyVaultKeyProvider(
            new AzureKeyVaultOptions { VaultUri = server.BaseUri, KeyName = keyName, RetryDelay = TimeSpan.FromMilliseconds(10) },
            new FakeTokenCredential(),
            server.ClientOptions());
    }

    protected override IKeyEncryptionKeyProvider Provider => _provider;

    protected override string ExpectedName => "azure-key-vault";

    protected override string MissingVersionKeyId(string currentKeyId) =>
        currentKeyId[..(currentKeyId.LastIndexOf('/') + 1)] + "00000000000000000000000000000000";
}
