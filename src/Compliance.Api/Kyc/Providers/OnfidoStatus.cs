using System.Text.Json;

namespace Compliance.Api.Kyc.Providers;

/// <summary>An Onfido Studio workflow run's status normalized per spec §7.</summary>
internal static class OnfidoStatus
{
    public static ProviderState ToState(JsonElement run)
    {
        var raw = KycJson.Optional(run, "status") ?? "unknown";
        KycStatus? status = raw switch
        {
            "awaiting_input" => KycStatus.None,
            "awaiting_client_input" or "review" => KycStatus.NeedsReview,
            // error: Onfido's side failed; Pending keeps it in reconciliation.
            "processing" or "error" => KycStatus.Pending,
            "approved" => KycStatus.Approved,
            "declined" => KycStatus.Rejected,
            "abandoned" => KycStatus.Expired,
            _ => null,
        };
        return new ProviderState(status, null, raw, [], KycJson.Time(run, "updated_at"));
    }
}
