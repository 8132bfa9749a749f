using System.Text.Json;

namespace Compliance.Api.Kyc.Providers;

/// <summary>Sumsub's applicant status (<c>GET …/status</c>) normalized per spec §7.</summary>
internal static class SumsubStatus
{
    public static ProviderState ToState(JsonElement json)
    {
        var reviewStatus = KycJson.Optional(json, "reviewStatus") ?? "unknown";
        var answer = KycJson.Optional(json, "reviewResult", "reviewAnswer");
        var rejectType = KycJson.Optional(json, "reviewResult", "reviewRejectType");
        KycStatus? status = reviewStatus switch
        {
            "init" => KycStatus.None,
            "pending" or "prechecked" or "queued" or "awaitingService" or "awaitingUser" => KycStatus.Pending,
            "onHold" => KycStatus.NeedsReview,
            "completed" when answer == "GREEN" => KycStatus.Approved,
            "completed" when answer == "RED" && rejectType == "RETRY" => KycStatus.RejectedRetry,
            "completed" when answer == "RED" => KycStatus.Rejected,
            _ => null,
        };
        var raw = answer is null ? reviewStatus : $"{reviewStatus}:{answer}" + (rejectType is null ? string.Empty : $":{rejectType}");
        return new ProviderState(status, null, raw, RejectLabels(json), null);
    }

    private static string[] RejectLabels(JsonElement json) =>
        json.TryGetProperty("reviewResult", out var result)
        && result.ValueKind == JsonValueKind.Object
        && result.TryGetProperty("rejectLabels", out var labels)
        && labels.ValueKind == JsonValueKind.Array
            ? [.. labels.EnumerateArray().Where(l => l.ValueKind == JsonValueKind.String).Select(l => l.GetString()!)]
            : [];
}
