using System.Text.Json;

namespace Compliance.Api.Kyc.Callbacks.Readers;

/// <summary>
/// Sumsub user-verification webhooks (spec §2, §7). Sumsub sends no event id, so the id is
/// <c>applicantId|type|createdAtMs|correlationId</c> (§9.5); it may send several final reviews for one
/// applicant, which <c>createdAtMs</c> orders.
/// </summary>
internal sealed class SumsubEventReader : IKycEventReader
{
    public string Provider => KycProviders.Sumsub;

    public KycCallbackEvent Read(JsonElement root, IHeaderDictionary headers, ReadOnlySpan<byte> rawBody)
    {
        var json = EventJson.Of(root, Provider);
        var applicantId = json.RequireString("applicantId");
        var type = json.RequireString("type");

        // createdAtMs is the precise one; older payloads carry only createdAt.
        var createdText = json.OptionalScalar("createdAtMs") ?? json.OptionalScalar("createdAt")
            ?? throw json.Error("createdAtMs and createdAt are both missing");
        var occurredAt = json.Has("createdAtMs") ? json.OptionalUnixMillisecondsOrTime("createdAtMs") : json.OptionalTime("createdAt");

        var reviewStatus = json.OptionalString("reviewStatus");
        var answer = json.OptionalString("reviewResult.reviewAnswer");
        var rejectType = json.OptionalString("reviewResult.reviewRejectType");

        return new KycCallbackEvent(
            EventId: EventIds.Compose(applicantId, type, createdText, json.OptionalString("correlationId")),
            EventType: type,
            ProviderRef: applicantId,
            CustomerRef: json.OptionalString("externalUserId"),
            Status: MapStatus(json, type, answer, rejectType),
            Screening: null,
            RawStatus: string.Join('/', new[] { reviewStatus ?? type, answer, rejectType }.OfType<string>()),
            ReasonCodes: json.OptionalStrings("reviewResult.rejectLabels"),
            OccurredAt: occurredAt);
    }

    private static KycStatus? MapStatus(EventJson json, string type, string? answer, string? rejectType) => type switch
    {
        "applicantCreated" or "applicantReset" => KycStatus.None,
        "applicantPending" or "applicantPrechecked" or "applicantAwaitingService" or "applicantAwaitingUser" => KycStatus.Pending,
        "applicantOnHold" => KycStatus.NeedsReview,
        "applicantReviewed" => answer switch
        {
            "GREEN" => KycStatus.Approved,

            // RED without a reject type is treated as final: refusing a retry is the safe reading.
            "RED" => rejectType == "RETRY" ? KycStatus.RejectedRetry : KycStatus.Rejected,
            null => throw json.Error("reviewResult.reviewAnswer is missing"),
            _ => throw json.Error("reviewResult.reviewAnswer is neither GREEN nor RED"),
        },
        "applicantDeactivated" or "applicantDeleted" => KycStatus.Expired,

        // applicantPersonalInfoChanged, applicantTagsChanged, action and level events do not move the status.
        _ => null,
    };
}
