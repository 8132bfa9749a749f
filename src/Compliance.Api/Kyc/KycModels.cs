namespace Compliance.Api.Kyc;

/// <summary>Body of <c>POST /v1/customers/{id}/kyc/verifications</c>.</summary>
/// <param name="Provider">One of <see cref="KycProviders.All"/>.</param>
/// <param name="Level">The provider's verification level (Sumsub level name, Stripe <c>document</c> / <c>id_number</c>, ...).</param>
internal sealed record StartVerificationRequest(string? Provider, string? Level);

/// <summary>A verification just started: what the customer's device needs to continue at the provider.</summary>
internal sealed record StartedVerificationResponse(
    Guid VerificationId, [property: Pseudonym] string CustomerId, string Provider, string Kind, string Level, string ProviderRef, string Status,
    [property: SecretData] string? Url, [property: SecretData] string? Token)
{
    public override string ToString() => Classified.Describe(this);
}

internal sealed record KycResponse(
    [property: Pseudonym] string CustomerId,
    string Status,
    string? Level,
    DateTimeOffset? VerifiedAt,
    string ScreeningStatus,
    IReadOnlyList<KycVerificationResponse> Verifications,
    IReadOnlyList<KycHistoryResponse> History)
{
    public override string ToString() => Classified.Describe(this);
}

internal sealed record KycVerificationResponse(
    Guid Id, string Provider, string Kind, string Level, string ProviderRef, string Status, string RawStatus, IReadOnlyList<string> ReasonCodes,
    DateTimeOffset? LastEventAt, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

internal sealed record KycHistoryResponse(
    DateTimeOffset At, Guid VerificationId, string Provider, string Dimension, string? From, string To, string RawStatus,
    IReadOnlyList<string> ReasonCodes, string Source, string? EventId, DateTimeOffset? ProviderTime);

/// <summary>The acknowledgement a provider gets once its callback is stored.</summary>
internal sealed record CallbackAcknowledgement(bool Received, bool Duplicate);

internal sealed record KycInboxResponse(
    long Id, string Provider, string EventId, string EventType, string ProviderRef, string? Status, string? Screening, string RawStatus,
    DateTimeOffset? OccurredAt, DateTimeOffset ReceivedAt, string State, string? Detail, int Attempts);
