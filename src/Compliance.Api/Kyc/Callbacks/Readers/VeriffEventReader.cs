using System.Text.Json;

namespace Compliance.Api.Kyc.Callbacks.Readers;

/// <summary>
/// Veriff decision webhooks (<c>{status, verification{…}}</c>) and event webhooks
/// (<c>{id, attemptId, feature, code, action, vendorData, endUserId}</c>), spec §4, §7. The decision's
/// <c>person</c>, <c>document</c> and free-text <c>reason</c> are personal data and never read.
/// </summary>
internal sealed class VeriffEventReader : IKycEventReader
{
    public string Provider => KycProviders.Veriff;

    public KycCallbackEvent Read(JsonElement root, IHeaderDictionary headers, ReadOnlySpan<byte> rawBody)
    {
        var json = EventJson.Of(root, Provider);
        return json.Has("verification") ? ReadDecision(json) : ReadEvent(json);
    }

    private static KycCallbackEvent ReadDecision(EventJson json)
    {
        json.RequireObject("verification");
        var id = json.RequireString("verification.id");
        var status = json.RequireString("verification.status");
        var code = json.OptionalScalar("verification.code");
        var decisionTime = json.OptionalString("verification.decisionTime");
        var reasonCode = json.OptionalScalar("verification.reasonCode");

        return new KycCallbackEvent(
            EventId: EventIds.Compose(id, json.OptionalString("verification.attemptId"), status, decisionTime),
            EventType: "decision",
            ProviderRef: id,
            CustomerRef: json.OptionalString("verification.vendorData"),
            Status: MapStatus(code, status),
            Screening: null,
            RawStatus: code is null ? status : $"{status}/{code}",
            ReasonCodes: reasonCode is null ? [] : [reasonCode],
            OccurredAt: json.OptionalTime("verification.decisionTime") ?? json.OptionalTime("verification.acceptanceTime"));
    }

    private static KycCallbackEvent ReadEvent(EventJson json)
    {
        var id = json.Has("id") ? json.RequireString("id") : throw json.Error("verification (decision) or id (event) is missing");
        var action = json.RequireString("action");
        var code = json.OptionalScalar("code");

        return new KycCallbackEvent(
            EventId: EventIds.Compose(id, json.OptionalString("attemptId"), action),
            EventType: action,
            ProviderRef: id,
            CustomerRef: json.OptionalString("vendorData"),
            Status: MapStatus(code, action),
            Screening: null,
            RawStatus: code is null ? action : $"{action}/{code}",
            ReasonCodes: [],
            OccurredAt: null);
    }

    /// <summary>The numeric code is authoritative; the word is the fallback for payloads without one (or with a new code).</summary>
    private static KycStatus? MapStatus(string? code, string word) => code switch
    {
        "7001" or "7002" => KycStatus.Pending,
        "9001" => KycStatus.Approved,
        "9102" => KycStatus.Rejected,
        "9103" => KycStatus.RejectedRetry,
        "9104" => KycStatus.Expired,
        "9121" => KycStatus.NeedsReview,
        _ => word switch
        {
            "started" or "submitted" => KycStatus.Pending,
            "approved" => KycStatus.Approved,
            "declined" => KycStatus.Rejected,
            "resubmission_requested" => KycStatus.RejectedRetry,
            "expired" or "abandoned" => KycStatus.Expired,
            "review" => KycStatus.NeedsReview,
            _ => null,
        },
    };
}
