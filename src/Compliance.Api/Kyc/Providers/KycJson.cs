using System.Globalization;
using System.Text.Json;

namespace Compliance.Api.Kyc.Providers;

/// <summary>Reads fields from provider JSON; a missing required field is a <see cref="KycProviderFailure.BadResponse"/>.</summary>
internal static class KycJson
{
    public static string Required(JsonElement element, string provider, params string[] path) =>
        Optional(element, path) ?? throw new KycProviderException(
            provider, KycProviderFailure.BadResponse, $"{provider} answered without {string.Join('.', path)}");

    /// <summary>The string (or number, as text) at <paramref name="path"/>, or null when any step is missing or null.</summary>
    public static string? Optional(JsonElement element, params string[] path)
    {
        var current = element;
        foreach (var name in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                return null;
            }
        }

        return current.ValueKind switch
        {
            JsonValueKind.String => current.GetString(),
            JsonValueKind.Number => current.GetRawText(),
            JsonValueKind.True or JsonValueKind.False => current.GetRawText(),
            _ => null,
        };
    }

    public static DateTimeOffset? Time(JsonElement element, params string[] path) =>
        DateTimeOffset.TryParse(Optional(element, path), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;
}
