namespace Compliance.Crypto;

/// <summary>
/// The binary layout of an encrypted field value (format version 1), as stored in a bytea column.
/// </summary>
/// <remarks>
/// <code>
///  offset  size  field
///  ------  ----  -------------------------------------------------------------
///       0     1  format version         0x01
///       1     1  algorithm id           0x01 = AES-256-GCM, 96-bit random nonce, 128-bit tag, AAD scheme v1
///       2    16  data key id (DEK id)   UUID, big-endian (RFC 9562 byte order)
///      18    12  nonce                  RandomNumberGenerator
///      30     n  ciphertext             same length as the plaintext
///    30+n    16  authentication tag
///
///  +----+----+------------------+--------------+-----------------+----------+
///  | 01 | 01 | DEK id (16)      | nonce (12)   | ciphertext (n)  | tag (16) |
///  +----+----+------------------+--------------+-----------------+----------+
///  |<------- header (18) ------>|
/// </code>
/// Overhead is 46 bytes per value. The header is authenticated: it is the second element of the
/// AAD (see <see cref="EnvelopeAad"/>), so changing the version, the algorithm or the key id
/// breaks the tag. New algorithms get new ids; ids are never reused so old data stays readable.
/// </remarks>
internal static class EnvelopeFormat
{
    public const byte Version1 = 0x01;
    public const byte AlgorithmAes256Gcm = 0x01;

    public const int VersionOffset = 0;
    public const int AlgorithmOffset = 1;
    public const int KeyIdOffset = 2;
    public const int NonceOffset = KeyIdOffset + DataKeyId.ByteCount;   // 18
    public const int HeaderSize = NonceOffset;                          // 18
    public const int NonceSize = 12;
    public const int TagSize = 16;
    public const int CiphertextOffset = NonceOffset + NonceSize;        // 30
    public const int Overhead = CiphertextOffset + TagSize;             // 46

    public static int GetEnvelopeLength(int plaintextLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(plaintextLength);
        return checked(plaintextLength + Overhead);
    }
}
