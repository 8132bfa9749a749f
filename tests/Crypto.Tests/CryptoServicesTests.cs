using System.Security.Cryptography;

namespace Compliance.Crypto.Tests;

public sealed class CryptoServicesTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("crypto-services-").FullName;

    [Fact]
    public async Task Create_LocalProvider_WiresAnEndToEndRoundTrip()
    {
        using var crypto = CryptoServices.Create(ValidOptions(), TimeProvider.System);
        var context = new EncryptionContext("kyc_subject", "national_id", "cust-7");

        using var created = await crypto.DataKeys.CreateDataKeyAsync("cust-7");
        var envelope = FieldEncryptor.Encrypt(created.Key, "AB123456C", context);
        using var lease = await crypto.DataKeys.LeaseAsync(created.Wrapped);

        FieldEncryptor.DecryptString(lease.Key, envelope, context).Should().Be("AB123456C");
        crypto.Cache.Count.Should().Be(1);
        crypto.Provider.Name.Should().Be("local");
        crypto.BlindIndexer.Compute(new BlindIndexField("kyc_subject.national_id", BlindIndexNormalization.Identifier), "ab-123456-c").Should().HaveCount(16);
    }

    [Fact]
    public async Task Create_WithIntermediateScope_WrapsDataKeysUnderTheTenantKey()
    {
        var store = new Kek.Intermediate.InMemoryIntermediateKeyStore();
        using var crypto = CryptoServices.Create(ValidOptions() with { IntermediateKeyScope = "tenant-a" }, TimeProvider.System, intermediateKeyStore: store);
        var context = new EncryptionContext("kyc_subject", "email", "cust-8");

        using var created = await crypto.DataKeys.CreateDataKeyAsync("cust-8");
        var envelope = FieldEncryptor.Encrypt(created.Key, "a@example.com", context);
        using var lease = await crypto.DataKeys.LeaseAsync(created.Wrapped);

        created.Wrapped.ProviderName.Should().Be("intermediate");
        created.Wrapped.KekId.Should().Be("kwk:tenant-a:v1");
        store.Rows.Should().ContainSingle().Which.KekProviderName.Should().Be("local");
        crypto.KeyEncryptionKeys.Name.Should().Be("local");
        FieldEncryptor.DecryptString(lease.Key, envelope, context).Should().Be("a@example.com");
    }

    [Fact]
    public void Create_IntermediateScopeWithoutStore_Throws()
    {
        var act = () => CryptoServices.Create(ValidOptions() with { IntermediateKeyScope = "tenant-a" }, TimeProvider.System);

        act.Should().Throw<ArgumentNullException>().WithMessage("*IIntermediateKeyStore*");
    }

    [Fact]
    public void Validate_MissingPieces_ListsEachProblem()
    {
        var problems = new CryptoOptions { KekProvider = "azure-key-vault" }.Validate();

        problems.Should().HaveCount(2);
        problems.Should().Contain(p => p.Contains("Crypto:AzureKeyVault", StringComparison.Ordinal));
        problems.Should().Contain(p => p.Contains("Crypto:BlindIndexRootKey", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_UnknownProviderAndShortRoot_AreReported()
    {
        var problems = new CryptoOptions { KekProvider = "vault", BlindIndexRootKey = Convert.ToBase64String(new byte[16]) }.Validate();

        problems.Should().Contain(p => p.Contains("'vault'", StringComparison.Ordinal));
        problems.Should().Contain(p => p.Contains("at least 32 bytes", StringComparison.Ordinal));
    }

    [Fact]
    public void Create_InvalidOptions_Throws()
    {
        var act = () => CryptoServices.Create(new CryptoOptions(), TimeProvider.System);

        act.Should().Throw<ArgumentException>().WithMessage("*Crypto:LocalKeyRing*");
    }

    [Fact]
    public void ToString_NeverShowsTheRootKey()
    {
        var options = ValidOptions();

        options.ToString().Should().NotContain(options.BlindIndexRootKey!);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private CryptoOptions ValidOptions() => new()
    {
        KekProvider = "local",
        LocalKeyRing = new LocalKeyRingOptions { KeyFilePath = Path.Combine(_directory, "kek.json") },
        BlindIndexRootKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
    };
}
