namespace Compliance.Crypto.Tests.Kek.AzureKeyVault;

/// <summary>One fake Key Vault per test class; each test uses its own key name.</summary>
public sealed class FakeKeyVaultServerFixture : IAsyncLifetime
{
    public FakeKeyVaultServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await FakeKeyVaultServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
