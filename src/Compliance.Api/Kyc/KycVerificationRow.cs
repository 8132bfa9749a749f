namespace Compliance.Api.Kyc;

/// <summary>A row of <c>kyc_verifications</c>, as Dapper reads it (timestamps arrive as UTC DateTime).</summary>
internal sealed class KycVerificationRow
{
    /// <summary>The select list that fills this row from <c>kyc_verifications</c>.</summary>
    public const string Columns = """
        id AS Id, customer_id AS CustomerId, provider AS Provider, kind AS Kind, level AS Level, provider_ref AS ProviderRef,
        applicant_ref AS ApplicantRef, status AS Status, raw_status AS RawStatus, reason_codes AS ReasonCodes,
        last_event_at AS LastEventAt, created_at AS CreatedAt, updated_at AS UpdatedAt
        """;

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
