namespace Compliance.Api.Companies;

/// <summary>Body of <c>POST /v1/customers/{id}/company</c>: the company's Companies House number (e.g. <c>00000006</c>, <c>SC123456</c>).</summary>
internal sealed record CompanyLookupRequest(string? CompanyNumber);

/// <summary>A look-up as the API shows it: the register's profile and counts; the people are at <c>.../company/parties</c>.</summary>
internal sealed record CompanyLookupResponse(
    Guid Id,
    string CustomerId,
    string CompanyNumber,
    string CompanyName,
    string? CompanyStatus,
    string? CompanyType,
    DateOnly? IncorporatedOn,
    int Officers,
    int ActiveOfficers,
    int Pscs,
    int ActivePscs,
    bool Truncated,
    DateTimeOffset LookedUpAt,
    string LookedUpBy,
    CompanyScreeningResponse? Screening)
{
    public static CompanyLookupResponse From(CompanyLookupRow row, CompanyScreeningResponse? screening) => new(
        row.Id, row.CustomerId, row.CompanyNumber, row.CompanyName, row.CompanyStatus, row.CompanyType,
        row.IncorporatedOn is { } on ? DateOnly.FromDateTime(on) : null, row.Officers, row.ActiveOfficers, row.Pscs, row.ActivePscs, row.Truncated,
        new DateTimeOffset(row.LookedUpAt, TimeSpan.Zero), row.LookedUpBy, screening);
}

/// <summary>The screening the look-up ran: the customer's status after it, and the hits with the party each is about.</summary>
internal sealed record CompanyScreeningResponse(string Status, IReadOnlyList<CompanyHitResponse> Hits);

/// <param name="Party">Null for the customer; <c>company</c>, or <c>officer:N</c> / <c>psc:N</c> (the position in <c>.../company/parties</c>).</param>
internal sealed record CompanyHitResponse(string? Party, string List, string EntryId, string PrimaryName, string MatchedName, double Score);

/// <summary>The officers and PSCs of the newest look-up, decrypted for an officer with pii:read and a purpose.</summary>
internal sealed record CompanyPartiesResponse(Guid LookupId, string CompanyNumber, IReadOnlyList<CompanyParty> Parties);
