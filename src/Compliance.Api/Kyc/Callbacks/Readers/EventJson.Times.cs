using System.Globalization;
using System.Text.Json;

namespace Compliance.Api.Kyc.Callbacks.Readers;

/// <summary>Provider times: ISO 8601 text or Unix numbers, always read with the invariant culture and as UTC.</summary>
internal readonly partial struct EventJson
{
    // DateTimeOffset's own range, so FromUnixTime* cannot throw.
    private const long MinUnixSeconds = -62_135_596_800;
    private const long MaxUnixSeconds = 253_402_300_799;

    /// <summary>An ISO 8601 (or Sumsub's <c>yyyy-MM-dd HH:mm:ss+0000</c>) time; a text without an offset is UTC.</summary>
    public DateTimeOffset? OptionalTime(string path) => OptionalString(path) is not { } text
        ? null
        : ParseTime(text) ?? throw Error($"{path} is not a date-time");

    public DateTimeOffset? OptionalUnixSeconds(string path) => Find(path) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } element when element.TryGetInt64(out var seconds) && seconds is >= MinUnixSeconds and <= MaxUnixSeconds
            => DateTimeOffset.FromUnixTimeSeconds(seconds),
        _ => throw Error($"{path} is not a Unix time in seconds"),
    };

    /// <summary>A time sent either as Unix milliseconds (number or digits) or as text (Sumsub's <c>createdAtMs</c>).</summary>
    public DateTimeOffset? OptionalUnixMillisecondsOrTime(string path)
    {
        var element = Find(path);
        if (element is null)
        {
            return null;
        }

        var text = element.Value.ValueKind switch
        {
            JsonValueKind.Number => element.Value.GetRawText(),
            JsonValueKind.String => element.Value.GetString()!,
            _ => throw Error($"{path} is not a time"),
        };
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds))
        {
            return milliseconds <= MaxUnixSeconds * 1000 ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds) : throw Error($"{path} is out of range");
        }

        return ParseTime(text) ?? throw Error($"{path} is not a time");
    }

    internal static DateTimeOffset? ParseTime(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var time)
            ? time.ToUniversalTime()
            : null;
}
