using System.Security.Cryptography;

namespace Compliance.Crypto.Tests;

/// <summary>No key, plaintext or subject id may appear in a message or a ToString.</summary>
public sealed class SecretHygieneTests
{
    private const string SubjectId = "subject-7f3a9c";
    private const string Plaintext = "NATIONAL-ID-998877";

    [Fact]
    public void DecryptFailures_NeverMentionValueSubjectOrKey()
    {
        var keyBytes = RandomNumberGenerator.GetBytes(32);
        using var key = new DataKey(DataKeyId.New(), keyBytes, 0, 100);
        using var other = TestKeys.Random();
        var context = new EncryptionContext("kyc_subject", "national_id", SubjectId);
        var envelope = FieldEncryptor.Encrypt(key, Plaintext, context);
        var tampered = (byte[])envelope.Clone();
        tampered[^1] ^= 1;
        var wrongVersion = (byte[])envelope.Clone();
        wrongVersion[0] = 9;

        var messages = new[]
        {
            Message(() => FieldEncryptor.Decrypt(key, tampered, context)),
            Message(() => FieldEncryptor.Decrypt(key, envelope, new EncryptionContext("kyc_subject", "email", SubjectId))),
            Message(() => FieldEncryptor.Decrypt(other, envelope, context)),
            Message(() => FieldEncryptor.Decrypt(key, wrongVersion, context)),
            Message(() => FieldEncryptor.Decrypt(key, envelope.AsSpan(0, 20).ToArray(), context)),
        };

        foreach (var message in messages)
        {
            AssertClean(message, keyBytes);
            message.Should().Contain("kyc_subject.", "the message names where the value was");
        }
    }

    [Fact]
    public async Task ToStrings_NeverRevealSecrets()
    {
        var kekBase64 = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var ringOptions = new LocalKeyRingOptions { Name = "hygiene", Keys = [kekBase64] };
        using var ring = new LocalKeyRingProvider(ringOptions);
        var service = new DataKeyService(ring);
        using var created = await service.CreateDataKeyAsync(SubjectId);
        var keyBytes = new byte[32];
        created.Key.CopyKeyTo(keyBytes);
        var rootBytes = RandomNumberGenerator.GetBytes(32);
        using var indexer = new BlindIndexer(rootBytes);
        var lease = new DataKeyLease(created.Key);
        created.Key.TryAddReference();

        var strings = new[]
        {
            created.ToString(), created.Key.ToString(), created.Wrapped.ToString(), lease.ToString(),
            ring.ToString(), ringOptions.ToString(), indexer.ToString(),
            new EncryptionContext("kyc_subject", "national_id", SubjectId).ToString(),
            new CryptoOptions { BlindIndexRootKey = Convert.ToBase64String(rootBytes), LocalKeyRing = ringOptions }.ToString(),
        };
        lease.Dispose();

        foreach (var text in strings)
        {
            AssertClean(text, keyBytes);
            AssertClean(text, rootBytes);
            text.Should().NotContain(kekBase64);
        }
    }

    private static string Message(Action act)
    {
        try
        {
            act();
        }
        catch (CryptographicException ex)
        {
            return ex.ToString();
        }

        throw new InvalidOperationException("Expected a CryptographicException.");
    }

    private static void AssertClean(string text, byte[] key)
    {
        text.Should().NotContain(SubjectId).And.NotContain(Plaintext)
            .And.NotContain(Convert.ToHexString(key)).And.NotContain(Convert.ToHexStringLower(key))
            .And.NotContain(Convert.ToBase64String(key));
    }
}
