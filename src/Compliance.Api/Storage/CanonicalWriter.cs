using System.Buffers;
using System.Globalization;
using System.Text;

namespace Compliance.Api.Storage;

/// <summary>
/// The bytes a chained row's hash covers: each field as <c>&lt;UTF-8 byte length&gt;:&lt;UTF-8 bytes&gt;</c>,
/// so no choice of field values can make two different rows encode alike. Null is an empty string.
/// </summary>
internal sealed class CanonicalWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(256);

    public CanonicalWriter Add(string? value)
    {
        value ??= "";
        var length = Encoding.UTF8.GetByteCount(value);
        var prefix = length.ToString(CultureInfo.InvariantCulture) + ":";
        Encoding.UTF8.GetBytes(prefix, _buffer);
        Encoding.UTF8.GetBytes(value, _buffer);
        return this;
    }

    public CanonicalWriter Add(long value) => Add(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>UTC with microseconds, the precision PostgreSQL keeps.</summary>
    public CanonicalWriter Add(DateTimeOffset value) =>
        Add(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));

    public ReadOnlySpan<byte> Written => _buffer.WrittenSpan;

    /// <summary>PostgreSQL stores microseconds; hash and store the value as it will read back.</summary>
    public static DateTimeOffset ToMicroseconds(DateTimeOffset value) => value.AddTicks(-(value.UtcTicks % 10));
}
