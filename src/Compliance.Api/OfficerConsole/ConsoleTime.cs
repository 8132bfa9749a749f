using System.Globalization;

namespace Compliance.Api.OfficerConsole;

/// <summary>Timestamps as the officer reads them: in their own time zone, with the zone named.</summary>
internal static class ConsoleTime
{
    public static bool IsKnownZone(string? id) => id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);

    public static string Format(DateTimeOffset? at, string timeZone)
    {
        if (at is not { } value)
        {
            return "—";
        }

        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var found) ? found : TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTime(value, zone);
        return local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " " + (zone == TimeZoneInfo.Utc ? "UTC" : zone.Id);
    }

    public static string Format(DateTime? utc, string timeZone) =>
        Format(utc is { } value ? new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)) : null, timeZone);
}
