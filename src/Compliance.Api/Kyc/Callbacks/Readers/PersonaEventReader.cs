using System.Text.Json;

namespace Compliance.Api.Kyc.Callbacks.Readers;

/// <summary>
/// Persona events (spec §5, §7): JSON:API <c>data{id: evt_…, attributes{name, created-at, payload{data: inquiry}}}</c>.
/// Only ids, the status word and the inquiry's <c>reference-id</c> (our customer id) are read; the inquiry's
/// fields and <c>included</c> resources hold personal data.
/// </summary>
internal sealed class PersonaEventReader : IKycEventReader
{
    private const string Payload = "data.attributes.payload.data";

    public string Provider => KycProviders.Persona;

    public KycCallbackEvent Read(JsonElement root, IHeaderDictionary headers, ReadOnlySpan<byte> rawBody)
    {
        var json = EventJson.Of(root, Provider);
        var eventId = json.RequireString("data.id");
        var name = json.RequireString("data.attributes.name");
        var resourceId = json.RequireString(Payload + ".id");
        var status = json.OptionalString(Payload + ".attributes.status");

        return new KycCallbackEvent(
            EventId: eventId,
            EventType: name,
            ProviderRef: resourceId,
            CustomerRef: json.OptionalString(Payload + ".attributes.reference-id"),
            Status: MapEvent(name, status),
            Screening: null,
            RawStatus: status ?? name,
            ReasonCodes: [],
            OccurredAt: json.OptionalTime("data.attributes.created-at"));
    }

    private static KycStatus? MapEvent(string name, string? status) => name switch
    {
        "inquiry.created" => KycStatus.None,
        "inquiry.started" => KycStatus.Pending,

        // Completed means the customer is done, not that a decision exists: the template's workflow decides next.
        "inquiry.completed" => KycStatus.Pending,
        "inquiry.marked-for-review" => KycStatus.NeedsReview,
        "inquiry.approved" => KycStatus.Approved,
        "inquiry.declined" => KycStatus.Rejected,
        "inquiry.failed" => KycStatus.RejectedRetry,
        "inquiry.expired" => KycStatus.Expired,

        // A transition names no outcome itself; the inquiry's status after it does.
        "inquiry.transitioned" => MapStatus(status),

        // redacted, tags-updated, reusable-persona-*, and report/verification/account events leave the status alone.
        _ => null,
    };

    private static KycStatus? MapStatus(string? status) => status switch
    {
        "created" => KycStatus.None,
        "pending" or "completed" => KycStatus.Pending,
        "needs_review" => KycStatus.NeedsReview,
        "approved" => KycStatus.Approved,
        "declined" => KycStatus.Rejected,
        "failed" => KycStatus.RejectedRetry,
        "expired" => KycStatus.Expired,
        _ => null,
    };
}
