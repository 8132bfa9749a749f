using System.Text.Json;

namespace Compliance.Api.Kyc.Callbacks.Readers;

/// <summary>
/// Stripe Identity events (spec §3, §7): an <c>Event</c> whose <c>data.object</c> is the VerificationSession.
/// A session back in <c>requires_input</c> says why in <c>last_error.code</c>; the free-text <c>reason</c> is
/// never copied.
/// </summary>
internal sealed class StripeEventReader : IKycEventReader
{
    private const string SessionEventPrefix = "identity.verification_session.";

    public string Provider => KycProviders.Stripe;

    public KycCallbackEvent Read(JsonElement root, IHeaderDictionary headers, ReadOnlySpan<byte> rawBody)
    {
        var json = EventJson.Of(root, Provider);
        var eventId = json.RequireString("id");
        var type = json.RequireString("type");
        json.RequireObject("data.object");
        var sessionId = json.RequireString("data.object.id");

        var hasError = json.Has("data.object.last_error");
        var errorCode = json.OptionalString("data.object.last_error.code");
        var status = json.OptionalString("data.object.status")
            ?? (type.StartsWith(SessionEventPrefix, StringComparison.Ordinal) ? type[SessionEventPrefix.Length..] : type);

        return new KycCallbackEvent(
            EventId: eventId,
            EventType: type,
            ProviderRef: sessionId,
            CustomerRef: json.OptionalString("data.object.client_reference_id"),
            Status: MapStatus(type, hasError, errorCode),
            Screening: null,
            RawStatus: errorCode is null ? status : $"{status}/{errorCode}",
            ReasonCodes: errorCode is null ? [] : [errorCode],
            OccurredAt: json.OptionalUnixSeconds("created"));
    }

    private static KycStatus? MapStatus(string type, bool hasError, string? errorCode) => type switch
    {
        SessionEventPrefix + "created" => KycStatus.None,
        SessionEventPrefix + "processing" => KycStatus.Pending,
        SessionEventPrefix + "verified" => KycStatus.Approved,
        SessionEventPrefix + "requires_input" when !hasError => KycStatus.None,
        SessionEventPrefix + "requires_input" => errorCode switch
        {
            // Policy in spec §7: these cannot be fixed by trying again.
            "consent_declined" or "under_supported_age" or "country_not_supported" => KycStatus.Rejected,
            "abandoned" => KycStatus.Expired,
            _ => KycStatus.RejectedRetry,
        },
        SessionEventPrefix + "canceled" => KycStatus.Expired,

        // .redacted removes data without changing the outcome; other event types are not about identity.
        _ => null,
    };
}
