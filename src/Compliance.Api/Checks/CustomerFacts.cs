namespace Compliance.Api.Checks;

/// <summary>
/// The customer, as rules see it (input <c>customer</c>). No PII: rules decide on status, risk and
/// relationship facts, never on names or document numbers.
/// </summary>
internal sealed class CustomerFacts
{
    /// <summary>False when the check names a customer this service does not know.</summary>
    public bool Known { get; init; }

    public string Id { get; init; } = "";

    /// <summary>
    /// <c>none</c>, <c>pending</c>, <c>needs_review</c>, <c>approved</c>, <c>rejected_retry</c> (may try again),
    /// <c>rejected</c> (final), <c>expired</c>: the normalized status of the customer's latest verification.
    /// </summary>
    public string KycStatus { get; init; } = "none";

    /// <summary>The verification level reached, e.g. <c>basic</c> or <c>full</c>; empty when none.</summary>
    public string KycLevel { get; init; } = "";

    public DateTimeOffset? KycVerifiedAt { get; init; }

    /// <summary>Whole days since <see cref="KycVerifiedAt"/> at the time of the transaction; null when never verified.</summary>
    public int? KycAgeDays { get; init; }

    /// <summary>Sanctions / PEP screening: <c>not_screened</c>, <c>clear</c>, <c>potential_match</c>, <c>confirmed_match</c>.</summary>
    public string ScreeningStatus { get; init; } = "not_screened";

    /// <summary><c>low</c>, <c>medium</c>, <c>high</c>.</summary>
    public string RiskRating { get; init; } = "medium";

    public bool Pep { get; init; }

    /// <summary>Country of residence, ISO 3166-1 alpha-2.</summary>
    public string Country { get; init; } = "";

    /// <summary>Whole days since the customer was created, at the time of the transaction.</summary>
    public int RelationshipDays { get; init; }

    /// <summary>e.g. <c>retail</c>, <c>business</c>, <c>private</c>.</summary>
    public string Segment { get; init; } = "";
}
