using System.Security.Cryptography;

namespace Compliance.Crypto.Tests.Kek;

/// <summary>
/// The behaviour every <see cref="IKeyEncryptionKeyProvider"/> must have (runtime's
/// BaseRateLimiterTests pattern): each provider's test class derives from this and supplies a
/// fresh provider whose KEK has exactly one version.
/// </summary>
public abstract class KeyEncryptionKeyProviderContractTests
{
    private static readonly EncryptionContext Context = new("kyc_subject", "national_id", "cust-42");

    protected abstract IKeyEncryptionKeyProvider Provider { get; }

    protected abstract string ExpectedName { get; }

    /// <summary>A well-formed key id of this provider's KEK naming a version that does not exist.</summary>
    protected abstract string MissingVersionKeyId(string currentKeyId);

    [Fact]
    public void Name_IsTheStoredProviderName()
    {
        Provider.Name.Should().Be(ExpectedName);
    }

    [Fact]
    public async Task WrapAsync_ThenUnwrapAsync_ReturnsTheKey()
    {
        var key = RandomNumberGenerator.GetBytes(32);

        var wrapped = await Provider.WrapAsync(key);
        var unwrapped = await Provider.UnwrapAsync(wrapped.KeyId, wrapped.Algorithm, wrapped.WrappedKey);

        unwrapped.Should().Equal(key);
        wrapped.WrappedKey.ToArray().Should().NotEqual(key);
    }

    [Fact]
    public async Task WrapAsync_UsesTheCurrentVersionAndNamesIt()
    {
        var current = await Provider.GetCurrentKeyIdAsync();

        var wrapped = await Provider.WrapAsync(new byte[32]);

        wrapped.KeyId.Should().Be(current);
    }

    [Fact]
    public async Task WrapAsync_SameKeyTwice_ProducesDifferentWrappedBytes()
    {
        var key = RandomNumberGenerator.GetBytes(32);

        var first = await Provider.WrapAsync(key);
        var second = await Provider.WrapAsync(key);

        first.WrappedKey.ToArray().Should().NotEqual(second.WrappedKey.ToArray(), "wrapping is randomized");
    }

    [Fact]
    public async Task UnwrapAsync_TamperedWrappedKey_ThrowsKeyProviderException()
    {
        var wrapped = await Provider.WrapAsync(RandomNumberGenerator.GetBytes(32));
        var tampered = wrapped.WrappedKey.ToArray();
        tampered[tampered.Length / 2] ^= 0x01;

        var act = () => Provider.UnwrapAsync(wrapped.KeyId, wrapped.Algorithm, tampered);

        (await act.Should().ThrowAsync<KeyProviderException>()).Which.ProviderName.Should().Be(ExpectedName);
    }

    [Fact]
    public async Task UnwrapAsync_MissingVersion_ThrowsKeyProviderException()
    {
        var wrapped = await Provider.WrapAsync(RandomNumberGenerator.GetBytes(32));
        var missing = MissingVersionKeyId(wrapped.KeyId);

        var act = () => Provider.UnwrapAsync(missing, wrapped.Algorithm, wrapped.WrappedKey);

        (await act.Should().ThrowAsync<KeyProviderException>()).Which.KeyId.Should().Be(missing);
    }

    [Fact]
    public async Task UnwrapAsync_WrongAlgorithm_ThrowsKeyProviderException()
    {
        var wrapped = await Provider.WrapAsync(RandomNumberGenerator.GetBytes(32));

        var act = () => Provider.UnwrapAsync(wrapped.KeyId, "A128CBC", wrapped.WrappedKey);

        await act.Should().ThrowAsync<KeyProviderException>().WithMessage("*A128CBC*");
    }

    [Fact]
    public async Task UnwrapAsync_ForeignKeyId_ThrowsKeyProviderException()
    {
        var wrapped = await Provider.WrapAsync(RandomNumberGenerator.GetBytes(32));

        var act = () => Provider.UnwrapAsync("https://attacker.example/keys/k/0123", wrapped.Algorithm, wrapped.WrappedKey);

        await act.Should().ThrowAsync<KeyProviderException>();
    }

    [Fact]
    public async Task RotateAsync_NewVersionBecomesCurrent()
    {
        var before = await Provider.GetCurrentKeyIdAsync();

        var rotated = await Provider.RotateAsync();

        rotated.Should().NotBe(before);
        (await Provider.GetCurrentKeyIdAsync()).Should().Be(rotated);
        (await Provider.WrapAsync(new byte[32])).KeyId.Should().Be(rotated);
    }

    [Fact]
    public async Task RotateAsync_OldVersionStillUnwraps()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var wrappedBefore = await Provider.WrapAsync(key);

        await Provider.RotateAsync();

        (await Provider.UnwrapAsync(wrappedBefore.KeyId, wrappedBefore.Algorithm, wrappedBefore.WrappedKey)).Should().Equal(key);
    }

    [Fact]
    public async Task UnwrapAsync_WithAnotherVersionsId_ThrowsKeyProviderException()
    {
        var wrapped = await Provider.WrapAsync(RandomNumberGenerator.GetBytes(32));
        var newer = await Provider.RotateAsync();

        var act = () => Provider.UnwrapAsync(newer, wrapped.Algorithm, wrapped.WrappedKey);

        await act.Should().ThrowAsync<KeyProviderException>();
    }

    [Fact]
    public async Task ListVersionsAsync_AfterRotations_ListsEveryVersionOldestFirst()
    {
        var first = await Provider.GetCurrentKeyIdAsync();
        var second = await Provider.RotateAsync();
        var third = await Provider.RotateAsync();

        var versions = await Provider.ListVersionsAsync();

        versions.Select(v => v.KeyId).Should().Equal(first, second, third);
        versions.Should().OnlyContain(v => v.Enabled);
        third.Should().EndWith(versions[2].Version);
        versions.Select(v => v.Version).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task DataKeyService_CreateThenUnwrap_DecryptsWhatTheCreatedKeyEncrypted()
    {
        var service = new DataKeyService(Provider);
        using var created = await service.CreateDataKeyAsync("cust-42");
        var envelope = FieldEncryptor.Encrypt(created.Key, "AB123456C", Context);

        using var unwrapped = await service.UnwrapAsync(created.Wrapped);

        created.Wrapped.ProviderName.Should().Be(ExpectedName);
        created.Wrapped.KekId.Should().Be(await Provider.GetCurrentKeyIdAsync());
        created.Wrapped.SubjectId.Should().Be("cust-42");
        unwrapped.Id.Should().Be(created.Key.Id);
        FieldEncryptor.DecryptString(unwrapped, envelope, Context).Should().Be("AB123456C");
    }

    [Fact]
    public async Task DataKeyService_RewrapAfterRotation_MovesToNewestVersionAndKeepsData()
    {
        var service = new DataKeyService(Provider);
        using var created = await service.CreateDataKeyAsync("cust-42");
        var envelope = FieldEncryptor.Encrypt(created.Key, "AB123456C", Context);
        var newest = await Provider.RotateAsync();

        var rewrapped = await service.RewrapAsync(created.Wrapped);

        rewrapped.KekId.Should().Be(newest);
        rewrapped.DataKeyId.Should().Be(created.Wrapped.DataKeyId);
        rewrapped.Ciphertext.ToArray().Should().NotEqual(created.Wrapped.Ciphertext.ToArray());
        using var unwrapped = await service.UnwrapAsync(rewrapped);
        FieldEncryptor.DecryptString(unwrapped, envelope, Context).Should().Be("AB123456C");
        using var fromOld = await service.UnwrapAsync(created.Wrapped);
        FieldEncryptor.DecryptString(fromOld, envelope, Context).Should().Be("AB123456C", "the old version still unwraps until it is retired");
    }

    [Fact]
    public async Task DataKeyService_RewrapWhenCurrent_ReturnsSameWrappedKey()
    {
        var service = new DataKeyService(Provider);
        using var created = await service.CreateDataKeyAsync("cust-42");

        var rewrapped = await service.RewrapAsync(created.Wrapped);

        rewrapped.Should().BeSameAs(created.Wrapped);
    }

    [Fact]
    public async Task DataKeyService_CreateDataKey_EachSubjectGetsItsOwnKey()
    {
        var service = new DataKeyService(Provider);
        using var alice = await service.CreateDataKeyAsync("alice");
        using var bob = await service.CreateDataKeyAsync("bob");
        var alicesValue = FieldEncryptor.Encrypt(alice.Key, "secret", new EncryptionContext("t", "f", "alice"));

        var act = () => FieldEncryptor.Decrypt(bob.Key, alicesValue, new EncryptionContext("t", "f", "alice"));

        alice.Key.Id.Should().NotBe(bob.Key.Id);
        act.Should().Throw<CryptographicException>();
    }
}
