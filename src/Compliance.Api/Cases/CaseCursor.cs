using System.Globalization;
using System.Text;

namespace Compliance.Api.Cases;

/// <summary>Where a page of the queue ended: opaque to clients (base64url of priority, due time and id).</summary>
internal sealed record CaseCursor(short Priority, DateTimeOffset DueAt, Guid Id)
{
    public static CaseCursor After(CaseRow row) => new(row.Priority, CaseResponse.Utc(row.DueAt), row.Id);

    public string Encode() =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Priority}|{DueAt.UtcTicks}|{Id:N}")))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool TryDecode(string text, out CaseCursor? cursor)
    {
        cursor = null;
        try
        {
            var base64 = text.Replace('-', '+').Replace('_', '/');
            base64 += new string('=', (4 - (base64.Length % 4)) % 4);
            var parts = Encoding.ASCII.GetString(Convert.FromBase64String(base64)).Split('|');
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
