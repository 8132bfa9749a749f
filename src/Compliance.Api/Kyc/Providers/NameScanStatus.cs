using System.Globalization;
using System.Text.Json;

namespace Compliance.Api.Kyc.Providers;

/// <summary>
/// A NameScan scan result as a screening status. NameScan reports matches, not decisions: none is
/// clear, any is a possible match for an officer (who may confirm it through our own decisions),
/// with the categories found as reason codes.
/// </summary>
internal static class NameScanStatus
{
    public const string PepReason = "NAMESCAN_PEP";
    public const string SanctionsReason = "NAMESCAN_SIP";

    public static ProviderState ToState(JsonElement json, string provider)
    {
        var matches = Count(json, "number_of_matches")
            ?? throw new KycProviderException(provider, KycProviderFailure.BadResponse, $"{provider} answered without number_of_matches");
        var pep = Count(json, "number_of_pep_matches") ?? 0;
        var sip = Count(json, "number_of_sip_matches") ?? 0;
        var reasons = new List<string>();
        if (pep > 0)
        {
            reasons.Add(PepReason);
        }

        if (sip > 0)
        {
            reasons.Add(SanctionsReason);
        }

        return matches == 0
            ? new ProviderState(null, ScreeningStatus.Clear, "no_match", [], KycJson.Time(json, "date"))
            : new ProviderState(null, ScreeningStatus.PotentialMatch, $"matches:{matches} pep:{pep} sip:{sip}", reasons, KycJson.Time(json, "date"));
    }

    private static int? Count(JsonElement json, string name) =>
        int.TryParse(KycJson.Optional(json, name), NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : null;
}
