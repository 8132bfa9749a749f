using System.Text.Json;

namespace Compliance.Api.Kyc.Providers;

/// <summary>A Veriff decision (<c>GET /v1/sessions/{id}/decision</c>) normalized per spec §7, by code first, then by status name.</summary>
internal static class VeriffStatus
{
    public static ProviderState ToState(JsonElement json)
    {
        if (!json.TryGetProperty("verification", out var verification) || verification.ValueKind != JsonValueKind.Object)
        {
            // No decision yet: the session exists but the customer has not submitted.
            return new ProviderState(KycStatus.None, null, "created", [], null);
        }

        var raw = KycJson.Optional(verification, "status") ?? "unknown";
        var code = KycJson.Optional(verification, "code");
        KycStatus? status = (code, raw) switch
        {
            ("9001", _) or (_, "approved") => KycStatus.Approved,
            ("9102", _) or (_, "declined") => KycStatus.Rejected,
            ("9103", _) or (_, "resubmission_requested") => KycStatus.RejectedRetry,
            ("9104", _) or (_, "expired" or "abandoned") => KycStatus.Expired,
            ("9121", _) or (_, "review") => KycStatus.NeedsReview,
            ("7001" or "7002", _) or (_, "started" or "submitted") => KycStatus.Pending,
            (_, "created") => KycStatus.None,
            _ => null,
        };
        var reason = KycJson.Optional(verification, "reasonCode");
        return new ProviderState(status, null, code is null ? raw : $"{raw}:{code}", reason is null ? [] : [reason], KycJson.Time(verification, "decisionTime"));
    }
}
