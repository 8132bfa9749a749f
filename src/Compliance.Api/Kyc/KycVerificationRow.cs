namespace Compliance.Api.Kyc;

/// <summary>A row of <c>kyc_verifications</c>, as Dapper reads it (timestamps arrive as UTC DateTime).</summary>
internal sealed class KycVerificationRow
{
    public Guid Id { get; init; }

    public string CustomerId { get; init; } = "";

    public string Provider { get; init; } = "";

    /// <summary><c>identity</c> or <c>screening</c>.</summary>
    public string Kind { get; init; } = "";

    public string Level { get; init; } = "";

    public string ProviderRef { get; init; } = "";

    public string? ApplicantRef { get; init; }

    public string Status { get; init; } = "";

    public string RawStatus { get; init; } = "";

    public string[] ReasonCodes { get; init; } = [];

    public DateTime? LastEventAt { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; init; }

    public bool IsScreening => Kind == KycKinds.Screening;
}
