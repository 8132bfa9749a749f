using System.Security.Cryptography;
using Compliance.Crypto.Tests.Kek.AzureKeyVault;

namespace Compliance.Crypto.Tests.Kek.Intermediate;

public sealed class IntermediateKeyProviderTests : IClassFixture<FakeKeyVaultServerFixture>
{
    private static readonly EncryptionContext Context = new("kyc_subject", "national_id", "cust-1");

    private readonly FakeKeyVaultServer _server;
    private readonly string _keyName = "kek-" + Guid.NewGuid().ToString("N")[..8];

    public IntermediateKeyProviderTests(FakeKeyVaultServerFixture fixture)
    {
        _server = fixture.Server;
        _server.CreateKey(_keyName);
    }

    [Fact]
    public async Task CreateDataKeyAsync_ManyKeys_CallKeyVaultOnlyForTheIntermediateKey()
    {
        var store = new InMemoryIntermediateKeyStore();
        using var kwk = new IntermediateKeyProvider(KeyVault(), store, "tenant-a");
        var service = new DataKeyService(kwk);
        var before = _server.Requests.Count;

        for (var i = 0; i < 20; i++)
        {
            using var created = await service.CreateDataKeyAsync($"cust-{i}");
            using var unwrapped = await service.UnwrapAsync(created.Wrapped);
        }

        _server.Requests.Count.Should().Be(before + 1, "only the intermediate key is wrapped by Key Vault");
        store.Rows.Should().ContainSingle().Which.KekId.Should().Contain(_keyName);
    }

    [Fact]
    public async Task UnwrapAsync_FreshProcess_UnwrapsIntermediateKeyOnceThenWorksLocally()
    {
        var store = new InMemoryIntermediateKeyStore();
        WrappedKey wrapped;
        byte[] envelope;
        using (var first = new IntermediateKeyProvider(KeyVault(), store, "tenant-a"))
        {
            using var created = await new DataKeyService(first).CreateDataKeyAsync("cust-1");
            wrapped = created.Wrapped;
            envelope = FieldEncryptor.Encrypt(created.Key, "AB123456C", Context);
        }

        using var restarted = new IntermediateKeyProvider(KeyVault(), store, "tenant-a");
        var service = new DataKeyService(restarted);
        var before = _server.Requests.Count;

        using var key = await service.UnwrapAsync(wrapped);
        using var again = await service.UnwrapAsync(wrapped);

        FieldEncryptor.DecryptString(key, envelope, Context).Should().Be("AB123456C");
        _server.Requests.Should().HaveCount(before + 1);
    }

    [Fact]
    public async Task RewrapIntermediateKeysAsync_AfterKekRotation_MovesOnlyIntermediateRows()
    {
        var store = new InMemoryIntermediateKeyStore();
        var keyVault = KeyVault();
        using var kwk = new IntermediateKeyProvider(keyVault, store, "tenant-a");
        var service = new DataKeyService(kwk);
        using var created = await service.CreateDataKeyAsync("cust-1");
        var envelope = FieldEncryptor.Encrypt(created.Key, "AB123456C", Context);
        var newest = await keyVault.RotateAsync();

        var moved = await kwk.RewrapIntermediateKeysAsync();

        moved.Should().Be(1);
        store.Rows.Single().KekId.Should().Be(newest);
        (await kwk.RewrapIntermediateKeysAsync()).Should().Be(0, "already current");
        using var restarted = new IntermediateKeyProvider(keyVault, store, "tenant-a");
        using var key = await new DataKeyService(restarted).UnwrapAsync(created.Wrapped);
        FieldEncryptor.DecryptString(key, envelope, Context).Should().Be("AB123456C", "the DEK row was not touched");
    }

    [Fact]
    public async Task GetCurrentKeyIdAsync_TwoNodesRaceOnFirstUse_ShareOneKey()
    {
        var store = new InMemoryIntermediateKeyStore();
        using var nodeA = new IntermediateKeyProvider(KeyVault(), store, "tenant-a");
        using var nodeB = new IntermediateKeyProvider(KeyVault(), store, "tenant-a");

        await Task.WhenAll(nodeA.GetCurrentKeyIdAsync(), nodeB.GetCurrentKeyIdAsync());
        var key = RandomNumberGenerator.GetBytes(32);
        var wrappedByA = await nodeA.WrapAsync(key);

        store.Rows.Should().ContainSingle();
        (await nodeB.UnwrapAsync(wrappedByA.KeyId, wrappedByA.Algorithm, wrappedByA.WrappedKey)).Should().Equal(key);
    }

    [Fact]
    public async Task UnwrapAsync_OtherTenantsKeyId_IsRefused()
    {
        var store = new InMemoryIntermediateKeyStore();
        using var tenantA = new IntermediateKeyProvider(KeyVault(), store, "tenant-a");
        using var tenantB = new IntermediateKeyProvider(KeyVault(), store, "tenant-b");
        var wrapped = await tenantA.WrapAsync(new byte[32]);

        var act = () => tenantB.UnwrapAsync(wrapped.KeyId, wrapped.Algorithm, wrapped.WrappedKey);

        await act.Should().ThrowAsync<KeyProviderException>().WithMessage("*scope 'tenant-b'*");
    }

    private AzureKeyVaultKeyProvider KeyVault() => new(
        new AzureKeyVaultOptions { VaultUri = _server.BaseUri, KeyName = _keyName, RetryDelay = TimeSpan.FromMilliseconds(10) },
        new FakeTokenCredential(),
        _server.ClientOptions());
}
