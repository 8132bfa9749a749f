namespace Compliance.Crypto.Tests.Envelope;

/// <summary>
/// The vectors published in docs/crypto-envelope.md, computed independently with Python's
/// cryptography package (AESGCM): the C# implementation must produce these exact bytes.
/// </summary>
public sealed class TestVectorTests
{
    public static TheoryData<string, string, string, string, string, string> Vectors() => new()
    {
        {
            "101112131415161718191a1b", "kyc_subject", "national_id", "cust-0001", "AB123456C",
            "010100112233445546778899aabbccddeeff101112131415161718191a1b3cbca9247afd0f85892a34830652cc499985cb8780b5df61fd"
        },
        {
            "202122232425262728292a2b", "kyc_subject", "email", "cust-0002", "",
            "010100112233445546778899aabbccddeeff202122232425262728292a2b86710a9819f3f10d8caf76befc7ff882"
        },
        {
            "303132333435363738393a3b", "kyc_subject", "full_name", "cust-0003", "Zoë Núñez",
            "010100112233445546778899aabbccddeeff303132333435363738393a3be95af26bc92189b9e982eb966128f723687909be27a4263079ccfb20"
        },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Encrypt_FixedKeyAndNonce_MatchesPublishedVector(string nonce, string table, string field, string subject, string plaintext, string expected)
    {
        using var key = TestKeys.VectorKey();
        var context = new EncryptionContext(table, field, subject);
        var plaintextBytes = System.Text.Encoding.UTF8.GetBytes(plaintext);
        var envelope = new byte[FieldEncryptor.GetEncryptedLength(plaintextBytes.Length)];

        FieldEncryptor.Encrypt(key, plaintextBytes, context, Convert.FromHexString(nonce), envelope);

        Convert.ToHexStringLower(envelope).Should().Be(expected);
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Decrypt_PublishedVector_ReturnsPlaintext(string nonce, string table, string field, string subject, string plaintext, string envelope)
    {
        _ = nonce;
        using var key = TestKeys.VectorKey();

        FieldEncryptor.DecryptString(key, Convert.FromHexString(envelope), new EncryptionContext(table, field, subject))
            .Should().Be(plaintext);
    }

    [Fact]
    public void Aad_FirstVector_MatchesPublishedBytes()
    {
        var header = Convert.FromHexString("010100112233445546778899aabbccddeeff");
        var aad = new byte[EnvelopeAad.MaxLength];

        var length = EnvelopeAad.Write(header, new EncryptionContext("kyc_subject", "national_id", "cust-0001"), aad);

        Convert.ToHexStringLower(aad.AsSpan(0, length)).Should().Be(
            "13000000636f6d706c69616e63652f6669656c642f763112000000010100112233445546778899aabbccddeeff"
            + "0b0000006b79635f7375626a6563740b0000006e6174696f6e616c5f696409000000637573742d30303031");
    }
}
