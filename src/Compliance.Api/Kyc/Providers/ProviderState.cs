namespace Compliance.Api.Kyc.Providers;

/// <summary>A verification's current state as read from the provider, normalized.</summary>
/// <param name="OccurredAt">The provider's time for this state if it reports one, else null (the reader uses now).</param>
internal sealed record ProviderState(KycStatus? Status, ScreeningStatus? Screening, string RawStatus, IReadOnlyList<string> ReasonCodes, DateTimeOffset? OccurredAt);
