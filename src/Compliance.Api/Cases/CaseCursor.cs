using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Compliance.Api.Storage;

namespace Compliance.Api.Cases;

/// <summary>Where a page of the queue ended: opaque to clients (base64url of priority, due time and id).</summary>
internal sealed record CaseCursor(short Priority, DateTimeOffset DueAt, Guid Id)
{
    public static CaseCursor After(CaseRow row) => new(row.Priority, DbTime.Utc(row.DueAt), row.Id);

    public string Encode() =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Priority}|{DueAt.UtcTicks}|{Id:N}")));

    public static bool TryDecode(string text, out CaseCursor? cursor)
    {
        cursor = null;
        try
        {
            var parts = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(text)).Split('|');
            if (parts.Length == 3
                && short.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var priority)
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks <= DateTimeOffset.MaxValue.UtcTicks
                && Guid.TryParseExact(parts[2], "N", out var id))
            {
                cursor = new CaseCursor(priority, new DateTimeOffset(ticks, TimeSpan.Zero), id);
                return true;
            }
        }
        catch (FormatException)
        {
        }

        return false;
    }
}
