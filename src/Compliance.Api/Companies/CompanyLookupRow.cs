namespace Compliance.Api.Companies;

/// <summary>A stored look-up as the API shows it: the profile and counts, never the parties' names.</summary>
internal sealed class CompanyLookupRow
{
    public const string Columns = """
        id AS Id, customer_id AS CustomerId, company_number AS CompanyNumber, company_name AS CompanyName, company_status AS CompanyStatus,
        company_type AS CompanyType, incorporated_on AS IncorporatedOn, officers AS Officers, active_officers AS ActiveOfficers, pscs AS Pscs,
        active_pscs AS ActivePscs, truncated AS Truncated, looked_up_at AS LookedUpAt, looked_up_by AS LookedUpBy
        """;

    public Guid Id { get; init; }

    public string CustomerId { get; init; } = "";

    public string CompanyNumber { get; init; } = "";

    public string CompanyName { get; init; } = "";

    public string? CompanyStatus { get; init; }

    public string? CompanyType { get; init; }

    public DateTime? IncorporatedOn { get; init; }

    public int Officers { get; init; }

    public int ActiveOfficers { get; init; }

    public int Pscs { get; init; }

    public int ActivePscs { get; init; }

    public bool Truncated { get; init; }

    public DateTime LookedUpAt { get; init; }

    public string LookedUpBy { get; init; } = "";
}
