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

    /// <summary><c>none</c>, <c>pending</c>, <c>approved</c>, <c>rejected</c>, <c>expired</c>.</summary>
    public string KycStatus { get; init; } = "none";

    /// <summary>The verification level reached, e.g. <c>basic</c> or <c>full</c>; empty when none.</summary>
    public string KycLevel { get; init; } = "";

    public DateTimeOffset? KycVerifiedAt { get; init; }

    /// <summary>Whole days since <see cref="KycVerifiedAt"/> at the time of the transaction; null when never verified.</summary>
    public int? KycAgeDays { get; init; }

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
