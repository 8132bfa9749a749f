namespace Compliance.Api.Kyc;

/// <summary>
/// Where a customer's identity verification stands, the same for every provider (spec §7). Rules read
/// it as <c>customer.KycStatus</c> through <see cref="KycStatusCodes"/>.
/// </summary>
internal enum KycStatus
{
    /// <summary>Nothing started, or started and not yet submitted by the customer.</summary>
    None,

    /// <summary>Submitted and being processed; also a provider-side error, which reconciliation re-reads.</summary>
    Pending,

    /// <summary>A person at the provider (or here) has to look at it.</summary>
    NeedsReview,

    Approved,

    /// <summary>Refused, but the customer may try again (bad photo, expired document).</summary>
    RejectedRetry,

    /// <summary>Refused for good (fraud, declined).</summary>
    Rejected,

    /// <summary>Abandoned, withdrawn, cancelled or closed at the provider.</summary>
    Expired,
}
