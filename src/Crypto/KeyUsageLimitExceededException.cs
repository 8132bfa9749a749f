using System.Security.Cryptography;

namespace Compliance.Crypto;

/// <summary>
/// A data key has reached its encryption limit (random-nonce AES-GCM allows at most 2^32 messages
/// per key). Create a new data key for the subject and re-encrypt its fields.
/// </summary>
public sealed class KeyUsageLimitExceededException : CryptographicException
{
    public KeyUsageLimitExceededException(DataKeyId keyId, long limit)
        : base($"Data key {keyId} has reached its limit of {limit} encryptions; create a new data key for the subject and re-encrypt its fields (random-nonce AES-GCM must not exceed 2^32 messages per key).")
    {
        KeyId = keyId;
        Limit = limit;
    }

    public DataKeyId KeyId { get; }

    public long Limit { get; }
}
