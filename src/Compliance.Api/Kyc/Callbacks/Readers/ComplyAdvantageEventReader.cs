using System.Globalization;
using System.Text.Json;

namespace Compliance.Api.Kyc.Callbacks.Readers;

/// <summary>
/// ComplyAdvantage Mesh webhooks (spec §6, §7): screening, not identity, so <see cref="KycCallbackEvent.Status"/>
/// is always null. The event id is the Standard Webhooks <c>webhook-id</c> header.
/// </summary>
internal sealed class ComplyAdvantageEventReader : IKycEventReader
{
    public string Provider => KycProviders.ComplyAdvantage;

    public KycCallbackEvent Read(JsonElement root, IHeaderDictionary headers, ReadOnlySpan<byte> rawBody)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var json = EventJson.Of(root, Provider);
        var eventId = Header(headers, "webhook-id") ?? throw json.Error("The webhook-id header is missing");
        var type = json.RequireString("webhook_type");
        var subject = json.OptionalString("customer.identifier") ?? json.OptionalString("case_identifier")
            ?? throw json.Error("customer.identifier and case_identifier are both missing");
        var stage = json.OptionalString("case_stage.stage_type");
        var decision = json.OptionalString("case_stage.decision_type");

        return new KycCallbackEvent(
            EventId: eventId,
            EventType: type,
            ProviderRef: subject,
            CustomerRef: json.OptionalString("customer.external_identifier"),
            Status: null,
            Screening: MapScreening(type, stage, decision),
            RawStatus: string.Join('/', new[] { type, stage, decision }.OfType<string>()),
            ReasonCodes: [],
            OccurredAt: BodyTime(json) ?? HeaderTime(headers));
    }

    /// <summary>
    /// Our mapping of Mesh case stages, to confirm with ComplyAdvantage (spec §7, §12): stage names and decision
    /// types are configured per account. A new case or one in its initial stage is a potential match; a decision
    /// stage's NEGATIVE clears it and POSITIVE confirms it. Other stages and webhook types change nothing.
    /// </summary>
    private static ScreeningStatus? MapScreening(string type, string? stage, string? decision) => type switch
    {
        "CASE_CREATED" => ScreeningStatus.PotentialMatch,
        "CASE_TRANSITIONED" or "CASE_STATE_UPDATED" => decision switch
        {
            "NEGATIVE" => ScreeningStatus.Clear,
            "POSITIVE" => ScreeningStatus.ConfirmedMatch,
            _ => stage == "INITIAL" ? ScreeningStatus.PotentialMatch : null,
        },
        _ => null,
    };

    /// <summary>The payload's own time when it has one (the field name is not confirmed, so both common ones are read).</summary>
    private static DateTimeOffset? BodyTime(EventJson json)
    {
        foreach (var path in new[] { "timestamp", "created_at" })
        {
            if (json.Find(path) is { ValueKind: JsonValueKind.Number })
            {
                return json.OptionalUnixSeconds(path);
            }

            if (json.Has(path))
            {
                return json.OptionalTime(path);
            }
        }

        return null;
    }

    private static DateTimeOffset? HeaderTime(IHeaderDictionary headers) =>
        Header(headers, "webhook-timestamp") is { } text
            && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            && seconds <= 253_402_300_799
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    private static string? Header(IHeaderDictionary headers, string name) =>
        headers.TryGetValue(name, out var values) && values.Count == 1 && !string.IsNullOrWhiteSpace(values[0]) ? values[0]!.Trim() : null;
}
