using System.Security.Cryptography;
using System.Text;

namespace Compliance.Crypto.Tests.Envelope;

public sealed class FieldEncryptorTests
{
    private static readonly EncryptionContext NationalId = new("kyc_subject", "national_id", "cust-0001");

    [Fact]
    public void Encrypt_ThenDecrypt_ReturnsPlaintext()
    {
        using var key = TestKeys.Random();
        var plaintext = "AB 123 456 C"u8.ToArray();

        var envelope = FieldEncryptor.Encrypt(key, plaintext, NationalId);

        envelope.Should().HaveCount(plaintext.Length + 46);
        FieldEncryptor.Decrypt(key, envelope, NationalId).Should().Equal(plaintext);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("Zoë Núñez-Ødegård 王小明")]
    public void EncryptString_ThenDecryptString_RoundTrips(string value)
    {
        using var key = TestKeys.Random();

        var envelope = FieldEncryptor.Encrypt(key, value, NationalId);

        FieldEncryptor.DecryptString(key, envelope, NationalId).Should().Be(value);
    }

    [Fact]
    public void Encrypt_SameValueTwice_ProducesDifferentCiphertexts()
    {
        using var key = TestKeys.Random();

        var first = FieldEncryptor.Encrypt(key, "same", NationalId);
        var second = FieldEncryptor.Encrypt(key, "same", NationalId);

        first.Should().NotEqual(second, "every encryption draws a fresh random nonce");
    }

    [Fact]
    public void Encrypt_Header_HoldsVersionAlgorithmAndKeyId()
    {
        using var key = TestKeys.Random();

        var envelope = FieldEncryptor.Encrypt(key, "x", NationalId);

        envelope[0].Should().Be(0x01);
        envelope[1].Should().Be(0x01);
        FieldEncryptor.TryReadKeyId(envelope, out var id).Should().BeTrue();
        id.Should().Be(key.Id);
    }

    [Fact]
    public void Encrypt_SpanOverload_WritesIntoDestination()
    {
        using var key = TestKeys.Random();
        var destination = new byte[FieldEncryptor.GetEncryptedLength(5) + 10];

        var written = FieldEncryptor.Encrypt(key, "hello"u8, NationalId, destination);

        written.Should().Be(51);
        var plaintext = new byte[5];
        FieldEncryptor.Decrypt(key, destination.AsSpan(0, written), NationalId, plaintext).Should().Be(5);
        Encoding.UTF8.GetString(plaintext).Should().Be("hello");
    }

    public static TheoryData<string, int> Regions() => new()
    {
        { "version", 0 },
        { "algorithm", 1 },
        { "key id", 2 },
        { "key id (last byte)", 17 },
        { "nonce", 18 },
        { "nonce (last byte)", 29 },
        { "ciphertext", 30 },
        { "ciphertext (last byte)", 38 },
        { "tag", 39 },
        { "tag (last byte)", 54 },
    };

    [Theory]
    [MemberData(nameof(Regions))]
    public void Decrypt_FlippedBitInAnyRegion_ThrowsCryptographicException(string region, int offset)
    {
        using var key = TestKeys.Random();
        var envelope = FieldEncryptor.Encrypt(key, "AB1234567", NationalId); // 9 + 46 = 55 bytes

        for (var bit = 0; bit < 8; bit++)
        {
            var tampered = (byte[])envelope.Clone();
            tampered[offset] ^= (byte)(1 << bit);

            var act = () => FieldEncryptor.Decrypt(key, tampered, NationalId);

            act.Should().Throw<CryptographicException>($"bit {bit} of the {region} was flipped");
        }
    }

    [Fact]
    public void Decrypt_FlippedCiphertextBit_SaysAuthenticationFailed()
    {
        using var key = TestKeys.Random();
        var envelope = FieldEncryptor.Encrypt(key, "AB1234567", NationalId);
        envelope[31] ^= 0x01;

        var act = () => FieldEncryptor.Decrypt(key, envelope, NationalId);

        act.Should().Throw<CryptographicException>()
            .WithMessage("The value in kyc_subject.national_id failed authentication*");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(45)]
    public void Decrypt_Truncated_ThrowsCryptographicException(int length)
    {
        using var key = TestKeys.Random();
        var envelope = FieldEncryptor.Encrypt(key, "AB1234567", NationalId);

        var act = () => FieldEncryptor.Decrypt(key, envelope.AsSpan(0, length).ToArray(), NationalId);

        act.Should().Throw<CryptographicException>().WithMessage("*truncated*");
    }

    [Fact]
    public void Decrypt_TruncatedByOneByte_FailsAuthentication()
    {
        using var key = TestKeys.Random();
        var envelope = FieldEncryptor.Encrypt(key, "AB1234567", NationalId);

        var act = () => FieldEncryptor.Decrypt(key, envelope.AsSpan(0, envelope.Length - 1).ToArray(), NationalId);

        act.Should().Throw<CryptographicException>();
    }

    [Fact]
    public void Decrypt_WrongVersion_ThrowsWithVersionInMessage()
    {
        using var key = TestKeys.Random();
        var envelope = FieldEncryptor.Encrypt(key, "x", NationalId);
        envelope[0] = 0x02;

        var act = () => FieldEncryptor.Decrypt(key, envelope, NationalId);

        act.Should().Throw<CryptographicException>().WithMessage("*format version 0x02*");
    }

    [Fact]
    public void Decrypt_UnknownAlgorithm_ThrowsWithAlgorithmInMessage()
    {
        using var key = TestKeys.Random();
        var envelope = FieldEncryptor.Encrypt(key, "x", NationalId);
        envelope[1] = 0x7f;

        var act = () => FieldEncryptor.Decrypt(key, envelope, NationalId);

        act.Should().Throw<CryptographicException>().WithMessage("*algorithm id 0x7f*");
    }

    [Fact]
    public void Decrypt_OtherSubjectsKey_ThrowsNamingBothKeyIds()
    {
        using var alice = TestKeys.Random();
        using var bob = TestKeys.Random();
        var envelope = FieldEncryptor.Encrypt(alice, "x", NationalId);

        var act = () => FieldEncryptor.Decrypt(bob, envelope, NationalId);

        act.Should().Throw<CryptographicException>()
            .WithMessage($"*encrypted under data key {alice.Id}, but data key {bob.Id} was supplied*");
    }

    [Fact]
    public void Decrypt_KeyIdRewrittenToMatchKey_FailsAuthentication()
    {
        using var alice = TestKeys.Random();
        using var bob = TestKeys.Random();
        var envelope = FieldEncryptor.Encrypt(alice, "x", NationalId);
        bob.Id.Write(envelope.AsSpan(2));

        var act = () => FieldEncryptor.Decrypt(bob, envelope, NationalId);

        act.Should().Throw<CryptographicException>().WithMessage("*failed authentication*");
    }

    public static TheoryData<string, EncryptionContext> WrongContexts() => new()
    {
        { "another subject", new EncryptionContext("kyc_subject", "national_id", "cust-0002") },
        { "another field", new EncryptionContext("kyc_subject", "document_number", "cust-0001") },
        { "another table", new EncryptionContext("kyc_document", "national_id", "cust-0001") },
        { "case of table", new EncryptionContext("KYC_subject", "national_id", "cust-0001") },
        { "shifted boundary", new EncryptionContext("kyc_subjectn", "ational_id", "cust-0001") },
        { "subject prefix", new EncryptionContext("kyc_subject", "national_id", "cust-000") },
    };

    [Theory]
    [MemberData(nameof(WrongContexts))]
    public void Decrypt_WrongContext_ThrowsCryptographicException(string change, EncryptionContext wrong)
    {
        using var key = TestKeys.Random();
        var envelope = FieldEncryptor.Encrypt(key, "AB1234567", NationalId);

        var act = () => FieldEncryptor.Decrypt(key, envelope, wrong);

        act.Should().Throw<CryptographicException>(change).WithMessage($"The value in {wrong.Table}.{wrong.Field} failed authentication*");
    }

    [Fact]
    public void Decrypt_ValueCopiedToAnotherSubjectsRow_NeverReturnsTheirData()
    {
        // Both subjects share one key here, the worst case: only the AAD stands between them.
        using var key = TestKeys.Random();
        var alice = new EncryptionContext("kyc_subject", "national_id", "alice");
        var bob = new EncryptionContext("kyc_subject", "national_id", "bob");
        var alicesValue = FieldEncryptor.Encrypt(key, "ALICE-ID-1", alice);
        var destination = new byte[32];

        var act = () => FieldEncryptor.Decrypt(key, alicesValue, bob, destination);

        act.Should().Throw<CryptographicException>().WithMessage("*encrypted for another subject, table or field*");
        destination.Should().OnlyContain(b => b == 0, "no plaintext byte may leak into the caller's buffer");
    }

    [Fact]
    public void Decrypt_ValueSwappedBetweenFields_Throws()
    {
        using var key = TestKeys.Random();
        var email = new EncryptionContext("kyc_subject", "email", "cust-0001");
        var stored = FieldEncryptor.Encrypt(key, "a@example.com", email);

        var act = () => FieldEncryptor.DecryptString(key, stored, NationalId);

        act.Should().Throw<CryptographicException>();
    }

    [Fact]
    public void Encrypt_DefaultContext_ThrowsArgumentException()
    {
        using var key = TestKeys.Random();

        var act = () => FieldEncryptor.Encrypt(key, "x", default);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void EncryptionContext_PartTooLong_ThrowsArgumentException()
    {
        var act = () => new EncryptionContext("t", new string('f', 257), "s");

        act.Should().Throw<ArgumentException>().WithMessage("*256 UTF-8 bytes*");
    }

    [Fact]
    public void Encrypt_LongestContext_FitsAad()
    {
        using var key = TestKeys.Random();
        var longest = new EncryptionContext(new string('é', 128), new string('f', 256), new string('s', 256));

        var envelope = FieldEncryptor.Encrypt(key, "x", longest);

        FieldEncryptor.DecryptString(key, envelope, longest).Should().Be("x");
    }

    [Fact]
    public void EncryptionContext_ToString_OmitsSubjectId()
    {
        NationalId.ToString().Should().Be("kyc_subject.national_id");
    }

    [Fact]
    public void TryReadKeyId_GarbageInput_ReturnsFalse()
    {
        FieldEncryptor.TryReadKeyId(new byte[10], out _).Should().BeFalse();
        FieldEncryptor.TryReadKeyId(new byte[60], out _).Should().BeFalse();
    }
}
