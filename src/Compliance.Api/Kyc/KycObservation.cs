namespace Compliance.Api.Kyc;

/// <summary>
/// A statement about a verification's state at a provider time, from a callback or read from the
/// provider. The unit that <see cref="KycStatusApplier"/> applies in provider time order.
/// </summary>
/// <param name="Authoritative">Read from the provider just now: at a time equal to the last applied one it wins, where a callback would need a re-read.</param>
/// <param name="Source"><c>callback</c> or <c>reconciliation</c>.</param>
internal sealed record KycObservation(
    KycStatus? Status,
    ScreeningStatus? Screening,
    string RawStatus,
    IReadOnlyList<string> ReasonCodes,
    DateTimeOffset? OccurredAt,
    bool Authoritative,
    string Source,
    string? EventId)
{
    /// <summary>A state read from the provider just now: authoritative, at the provider's time or, lacking one, now.</summary>
    public static KycObservation FromProvider(Providers.ProviderState state, DateTimeOffset now, string source, string? eventId) =>
        new(state.Status, state.Screening, state.RawStatus, state.ReasonCodes, state.OccurredAt ?? now, Authoritative: true, source, eventId);
}
