namespace Compliance.Api.Kyc.Callbacks;

/// <summary>
/// What a provider's callback says, normalized. No personal data: ids, codes and times only.
/// </summary>
/// <param name="EventId">The provider's event identity (spec §9.5): unique per event, equal for a resend of it.</param>
/// <param name="EventType">The provider's event name, e.g. <c>applicantReviewed</c>, <c>identity.verification_session.verified</c>.</param>
/// <param name="ProviderRef">The applicant / check / session / inquiry / customer id at the provider that the event is about.</param>
/// <param name="CustomerRef">Our customer id when the provider echoes it (externalUserId, client_reference_id, vendorData, reference-id), else null.</param>
/// <param name="Status">The normalized identity status the event moves to; null when it does not change it (or is not about identity).</param>
/// <param name="Screening">The normalized screening status, for screening providers; null otherwise.</param>
/// <param name="RawStatus">The provider's own status words, for the history (e.g. <c>completed/RED/FINAL</c>).</param>
/// <param name="ReasonCodes">The provider's reject labels / error codes, if any.</param>
/// <param name="OccurredAt">When the provider says it happened; null when the payload carries no time.</param>
/// <param name="NeedsFetch">True when the payload does not carry the result (Onfido's check.completed) and the resource must be read from the provider.</param>
internal sealed record KycCallbackEvent(
    string EventId,
    string EventType,
    string ProviderRef,
    string? CustomerRef,
    KycStatus? Status,
    ScreeningStatus? Screening,
    string RawStatus,
    IReadOnlyList<string> ReasonCodes,
    DateTimeOffset? OccurredAt,
    bool NeedsFetch = false);
