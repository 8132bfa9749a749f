using System.Buffers.Binary;
using System.Text;

namespace Compliance.Crypto;

/// <summary>
/// Builds the additional authenticated data (AAD scheme v1) that binds a ciphertext to its context.
/// </summary>
/// <remarks>
/// The AAD is a canonical sequence of length-prefixed elements (CipherSweet's construction, with
/// 32-bit lengths), so no two different contexts can produce the same bytes ("ab"+"c" vs "a"+"bc"):
/// <code>
///  AAD = elem("compliance/field/v1") || elem(header[0..18]) || elem(table) || elem(field) || elem(subjectId)
///  elem(x) = uint32 little-endian byte length of x || x         (strings as UTF-8)
/// </code>
/// The header element carries the format version, the algorithm id and the DEK id, so the key id
/// is authenticated too. Nothing of the AAD is stored: the reader supplies the context again.
/// </remarks>
internal static class EnvelopeAad
{
    private static ReadOnlySpan<byte> Domain => "compliance/field/v1"u8;

    /// <summary>
    /// The longest AAD any valid context produces (each part is at most
    /// <see cref="EncryptionContext.MaxPartByteCount"/> UTF-8 bytes), so callers can stackalloc it.
    /// </summary>
    public const int MaxLength = (5 * sizeof(uint)) + 19 + EnvelopeFormat.HeaderSize + (3 * EncryptionContext.MaxPartByteCount);

    /// <summary>Writes the AAD into <paramref name="destination"/> and returns its length.</summary>
    public static int Write(ReadOnlySpan<byte> header, in EncryptionContext context, Span<byte> destination)
    {
        var written = WriteElement(Domain, destination);
        written += WriteElement(header[..EnvelopeFormat.HeaderSize], destination[written..]);
        written += WriteString(context.Table, destination[written..]);
        written += WriteString(context.Field, destination[written..]);
        written += WriteString(context.SubjectId, destination[written..]);
        return written;
    }

    private static int WriteElement(ReadOnlySpan<byte> value, Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, (uint)value.Length);
        value.CopyTo(destination[sizeof(uint)..]);
        return sizeof(uint) + value.Length;
    }

    private static int WriteString(string value, Span<byte> destination)
    {
        var length = Encoding.UTF8.GetBytes(value, destination[sizeof(uint)..]);
        BinaryPrimitives.WriteUInt32LittleEndian(destination, (uint)length);
        return sizeof(uint) + length;
    }
}
