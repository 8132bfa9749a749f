using System.Text.Json;

namespace Compliance.Api.Kyc.Providers;

/// <summary>A Persona inquiry's status normalized per spec §7.</summary>
internal static class PersonaStatus
{
    public static ProviderState ToState(JsonElement json)
    {
        var raw = KycJson.Optional(json, "data", "attributes", "status") ?? "unknown";
        KycStatus? status = raw switch
        {
            "created" => KycStatus.None,
            // completed: submitted, the template's decision step has not run yet.
            "pending" or "started" or "completed" => KycStatus.Pending,
            "needs_review" or "marked-for-review" => KycStatus.NeedsReview,
            "approved" => KycStatus.Approved,
            "declined" => KycStatus.Rejected,
            "failed" => KycStatus.RejectedRetry,
            "expired" => KycStatus.Expired,
            _ => null,
        };
        return new ProviderState(status, null, raw, [], KycJson.Time(json, "data", "attributes", "decisioned-at"));
    }
}
