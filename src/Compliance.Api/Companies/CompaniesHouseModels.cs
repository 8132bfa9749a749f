namespace Compliance.Api.Companies;

/// <summary>A company as the register shows it (<c>GET /company/{number}</c>): public data, stored in the clear.</summary>
internal sealed record CompanyProfile(
    string Number, string Name, string? Status, string? Type, DateOnly? IncorporatedOn, string? Jurisdiction, IReadOnlyList<string> SicCodes);

/// <summary>
/// An officer or a person with significant control. Names, birth month and year and nationality of
/// people are personal data: stored only inside the lookup's encrypted <c>parties</c>, never logged.
/// </summary>
/// <param name="Role"><c>officer</c> or <c>psc</c>.</param>
/// <param name="Position">The officer's role (<c>director</c>, <c>secretary</c>, <c>corporate-director</c>...) or the PSC's kind.</param>
/// <param name="Active">Not resigned (officer) or ceased (PSC): only active parties are screened.</param>
internal sealed record CompanyParty(
    string Role,
    [property: PersonalData] string Name,
    bool IsOrganisation,
    string Position,
    [property: PersonalData] int? BirthYear,
    [property: PersonalData] int? BirthMonth,
    [property: PersonalData] string? Nationality,
    [property: PersonalData] string? CountryOfResidence,
    DateOnly? Since,
    bool Active)
{
    public const string Officer = "officer";
    public const string Psc = "psc";

    public override string ToString() => Classified.Describe(this);
}

/// <summary>Everything one look-up read: the profile and every officer and PSC (up to the page cap).</summary>
internal sealed record CompanyLookup(CompanyProfile Profile, IReadOnlyList<CompanyParty> Officers, IReadOnlyList<CompanyParty> Pscs, bool Truncated)
{
    public IEnumerable<CompanyParty> Parties => Officers.Concat(Pscs);
}
