using System.Security.Cryptography;

namespace Compliance.Crypto.Tests.DataKeys;

public sealed class DataKeyServiceTests : IDisposable
{
    private static readonly EncryptionContext Context = new("kyc_subject", "national_id", "cust-9");

    private readonly LocalKeyRingProvider _local = new(new LocalKeyRingOptions { Name = "svc", Keys = [Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))] });

    [Fact]
    public async Task UnwrapAsync_ProviderNotConfigured_ThrowsNamingIt()
    {
        var service = new DataKeyService(_local);
        using var created = await service.CreateDataKeyAsync("cust-9");

        var act = () => service.UnwrapAsync(created.Wrapped with { ProviderName = "hsm" });

        (await act.Should().ThrowAsync<KeyProviderException>()).WithMessage("*'hsm', which is not configured*");
    }

    [Fact]
    public async Task RewrapAsync_KeyFromOlderProvider_MovesToCurrentProvider()
    {
        var legacy = new RenamedProvider("legacy", _local);
        var legacyService = new DataKeyService(legacy);
        using var created = await legacyService.CreateDataKeyAsync("cust-9");
        var envelope = FieldEncryptor.Encrypt(created.Key, "AB123456C", Context);
        using var current = new LocalKeyRingProvider(new LocalKeyRingOptions { Name = "new", Keys = [Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))] });
        var service = new DataKeyService(current, olderProviders: [legacy]);

        var rewrapped = await service.RewrapAsync(created.Wrapped);

        rewrapped.ProviderName.Should().Be("local");
        rewrapped.KekId.Should().Be("local:new:v1");
        using var key = await service.UnwrapAsync(rewrapped);
        FieldEncryptor.DecryptString(key, envelope, Context).Should().Be("AB123456C");
    }

    [Fact]
    public async Task UnwrapAsync_EncryptionsSoFar_CountTowardsTheLimit()
    {
        var service = new DataKeyService(_local, new DataKeyServiceOptions { MaxEncryptionsPerKey = 5 });
        using var created = await service.CreateDataKeyAsync("cust-9");

        using var key = await service.UnwrapAsync(created.Wrapped, encryptionsSoFar: 5);
        var act = () => FieldEncryptor.Encrypt(key, "x", Context);

        act.Should().Throw<KeyUsageLimitExceededException>();
        key.UsageLimit.Should().Be(5);
    }

    [Fact]
    public void Constructor_LimitAboveTwoToThe32_Throws()
    {
        var act = () => new DataKeyService(_local, new DataKeyServiceOptions { MaxEncryptionsPerKey = (1L << 32) + 1 });

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public async Task LeaseAsync_WithoutCache_DestroysKeyWhenLeaseDisposed()
    {
        var service = new DataKeyService(_local);
        using var created = await service.CreateDataKeyAsync("cust-9");

        var lease = await service.LeaseAsync(created.Wrapped);
        var key = lease.Key;
        lease.Dispose();

        key.IsDestroyed.Should().BeTrue();
        key.KeyBufferIsZero().Should().BeTrue();
    }

    [Fact]
    public async Task CreateDataKeyAsync_WrappedKey_ToStringHidesSubjectAndKey()
    {
        var service = new DataKeyService(_local);
        using var created = await service.CreateDataKeyAsync("cust-secret-id");

        created.Wrapped.ToString().Should().NotContain("cust-secret-id").And.Contain(created.Wrapped.DataKeyId.ToString());
        created.Wrapped.Ciphertext.Length.Should().Be(60, "nonce 12 + key 32 + tag 16");
    }

    [Fact]
    public async Task CreateDataKeyAsync_EmptySubject_Throws()
    {
        var service = new DataKeyService(_local);

        var act = () => service.CreateDataKeyAsync("");

        await act.Should().ThrowAsync<ArgumentException>();
    }

    public void Dispose() => _local.Dispose();

    private sealed class RenamedProvider(string name, IKeyEncryptionKeyProvider inner) : IKeyEncryptionKeyProvider
    {
        public string Name => name;

        public Task<string> GetCurrentKeyIdAsync(CancellationToken cancellationToken = default) => inner.GetCurrentKeyIdAsync(cancellationToken);

        public Task<KekWrapResult> WrapAsync(ReadOnlyMemory<byte> plaintextKey, CancellationToken cancellationToken = default) => inner.WrapAsync(plaintextKey, cancellationToken);

        public Task<byte[]> UnwrapAsync(string keyId, string algorithm, ReadOnlyMemory<byte> wrappedKey, CancellationToken cancellationToken = default) => inner.UnwrapAsync(keyId, algorithm, wrappedKey, cancellationToken);

        public Task<string> RotateAsync(CancellationToken cancellationToken = default) => inner.RotateAsync(cancellationToken);

        public Task<IReadOnlyList<KekVersion>> ListVersionsAsync(CancellationToken cancellationToken = default) => inner.ListVersionsAsync(cancellationToken);
    }
}
