using System.Text.Json;

namespace Compliance.Api.Kyc.Providers;

/// <summary>A ComplyAdvantage search's match_status normalized to <see cref="ScreeningStatus"/> per spec §7.</summary>
internal static class ComplyAdvantageStatus
{
    public static ProviderState ToState(JsonElement json)
    {
        var raw = KycJson.Optional(json, "content", "data", "match_status") ?? "unknown";
        ScreeningStatus? screening = raw switch
        {
            // true_positive_approve: a real match whose risk was accepted; the raw status keeps that visible.
            "no_match" or "false_positive" or "true_positive_approve" => ScreeningStatus.Clear,
            "potential_match" or "unknown" => ScreeningStatus.PotentialMatch,
            "true_positive" or "true_positive_reject" => ScreeningStatus.ConfirmedMatch,
            _ => null,
        };
        return new ProviderState(null, screening, raw, [], KycJson.Time(json, "content", "data", "updated_at"));
    }
}
