namespace Compliance.Api.Checks;

/// <summary>The customer columns rules see, as Dapper reads them (timestamptz arrives as UTC DateTime).</summary>
internal class CustomerFactsRow
{
    public string? Country { get; init; }

    public string RiskRating { get; init; } = "medium";

    public bool Pep { get; init; }

    public string? Segment { get; init; }

    public string KycStatus { get; init; } = "none";

    public string? KycLevel { get; init; }

    public DateTime? KycVerifiedAt { get; init; }

    public string ScreeningStatus { get; init; } = "not_screened";

    public DateTime CreatedAt { get; init; }

    public CustomerFacts ToFacts(string id, DateTimeOffset at) => new()
    {
        Known = true,
        Id = id,
        KycStatus = KycStatus,
        KycLevel = KycLevel ?? "",
        KycVerifiedAt = KycVerifiedAt is { } v ? new DateTimeOffset(v, TimeSpan.Zero) : null,
        KycAgeDays = KycVerifiedAt is { } verified ? Math.Max(0, (int)(at - new DateTimeOffset(verified, TimeSpan.Zero)).TotalDays) : null,
        ScreeningStatus = ScreeningStatus,
        RiskRating = RiskRating,
        Pep = Pep,
        Country = Country ?? "",
        RelationshipDays = Math.Max(0, (int)(at - new DateTimeOffset(CreatedAt, TimeSpan.Zero)).TotalDays),
        Segment = Segment ?? "",
    };
}
