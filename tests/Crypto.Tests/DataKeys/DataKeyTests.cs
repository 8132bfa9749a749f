using System.Security.Cryptography;

namespace Compliance.Crypto.Tests.DataKeys;

public sealed class DataKeyTests
{
    private static readonly EncryptionContext Context = new("kyc_subject", "email", "cust-1");

    [Fact]
    public void Encrypt_PastUsageLimit_ThrowsKeyUsageLimitExceeded()
    {
        using var key = TestKeys.Random(usageLimit: 3);
        for (var i = 0; i < 3; i++)
        {
            FieldEncryptor.Encrypt(key, "x", Context);
        }

        var act = () => FieldEncryptor.Encrypt(key, "x", Context);

        act.Should().Throw<KeyUsageLimitExceededException>()
            .Where(e => e.KeyId == key.Id && e.Limit == 3)
            .WithMessage("*limit of 3 encryptions*");
        key.EncryptionCount.Should().Be(3);
    }

    [Fact]
    public void Encrypt_CountCarriedFromStore_EnforcesLimitAcrossLoads()
    {
        using var key = TestKeys.Random(encryptionsSoFar: 9, usageLimit: 10);

        FieldEncryptor.Encrypt(key, "x", Context);
        var act = () => FieldEncryptor.Encrypt(key, "x", Context);

        act.Should().Throw<KeyUsageLimitExceededException>();
    }

    [Fact]
    public void Encrypt_ConcurrentCallers_NeverOvershootLimit()
    {
        using var key = TestKeys.Random(usageLimit: 1000);
        var refused = 0;

        Parallel.For(0, 1500, _ =>
        {
            try
            {
                FieldEncryptor.Encrypt(key, "x", Context);
            }
            catch (KeyUsageLimitExceededException)
            {
                Interlocked.Increment(ref refused);
            }
        });

        key.EncryptionCount.Should().Be(1000);
        refused.Should().Be(500);
    }

    [Fact]
    public void Decrypt_DoesNotCountTowardsLimit()
    {
        using var key = TestKeys.Random(usageLimit: 1);
        var envelope = FieldEncryptor.Encrypt(key, "x", Context);

        for (var i = 0; i < 5; i++)
        {
            FieldEncryptor.DecryptString(key, envelope, Context).Should().Be("x");
        }

        key.EncryptionCount.Should().Be(1);
    }

    [Fact]
    public void Constructor_LimitAboveGcmBound_Throws()
    {
        var act = () => new DataKey(DataKeyId.New(), new byte[32], 0, (1L << 32) + 1);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Constructor_WrongKeySize_ThrowsCryptographicException()
    {
        var act = () => new DataKey(DataKeyId.New(), new byte[16], 0, 10);

        act.Should().Throw<CryptographicException>();
    }

    [Fact]
    public void Dispose_ZeroesKeyAndRefusesUse()
    {
        var key = TestKeys.Random();
        key.KeyBufferIsZero().Should().BeFalse();

        key.Dispose();

        key.IsDestroyed.Should().BeTrue();
        key.KeyBufferIsZero().Should().BeTrue();
        var act = () => FieldEncryptor.Encrypt(key, "x", Context);
        act.Should().Throw<ObjectDisposedException>();
    }

    [Fact]
    public void Dispose_WhileLeased_KeepsKeyUntilLeaseReleased()
    {
        var key = TestKeys.Random();
        key.TryAddReference().Should().BeTrue();
        var lease = new DataKeyLease(key);

        key.Dispose();

        key.IsDestroyed.Should().BeFalse();
        FieldEncryptor.Encrypt(lease.Key, "x", Context).Should().NotBeEmpty();
        lease.Dispose();
        key.IsDestroyed.Should().BeTrue();
        key.KeyBufferIsZero().Should().BeTrue();
    }

    [Fact]
    public void Dispose_Twice_ReleasesOnce()
    {
        var key = TestKeys.Random();
        key.TryAddReference().Should().BeTrue();

        key.Dispose();
        key.Dispose();

        key.IsDestroyed.Should().BeFalse("the extra reference is still held");
        key.Release();
        key.IsDestroyed.Should().BeTrue();
    }

    [Fact]
    public void ToString_ShowsOnlyTheId()
    {
        using var key = TestKeys.VectorKey();

        key.ToString().Should().Be("DataKey 00112233-4455-4677-8899-aabbccddeeff");
    }

    [Fact]
    public void DataKeyId_New_IsVersion4Uuid()
    {
        var id = DataKeyId.New();

        id.Value.Version.Should().Be(4);
        id.Should().NotBe(DataKeyId.New());
    }
}
