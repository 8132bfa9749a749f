using System.Security.Cryptography;

namespace Compliance.Crypto;

/// <summary>
/// The identifier of a data encryption key (DEK): a random UUID, written into every envelope header
/// (16 bytes, RFC 9562 big-endian byte order) and stored by the key store as the DEK's primary key.
/// </summary>
public readonly record struct DataKeyId(Guid Value)
{
    public const int ByteCount = 16;

    /// <summary>A new random id (122 random bits from <see cref="RandomNumberGenerator"/>).</summary>
    public static DataKeyId New()
    {
        Span<byte> bytes = stackalloc byte[ByteCount];
        RandomNumberGenerator.Fill(bytes);
        // RFC 9562 version 4 / variant 10 bits, so the value is a well-formed UUID in PostgreSQL.
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new DataKeyId(new Guid(bytes, bigEndian: true));
    }

    public static DataKeyId Parse(string value) => new(Guid.Parse(value));

    internal static DataKeyId Read(ReadOnlySpan<byte> source) => new(new Guid(source[..ByteCount], bigEndian: true));

    internal void Write(Span<byte> destination)
    {
        if (!Value.TryWriteBytes(destination, bigEndian: true, out _))
        {
            throw new ArgumentException("Destination is too small for a data key id.", nameof(destination));
        }
    }

    public override string ToString() => Value.ToString("D");
}
