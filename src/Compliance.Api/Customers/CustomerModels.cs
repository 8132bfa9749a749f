namespace Compliance.Api.Customers;

/// <summary>Body of <c>POST /v1/customers</c>. PII fields are encrypted before they reach the database.</summary>
internal sealed record CreateCustomerRequest(
    [property: Pseudonym] string? Id,
    [property: PersonalData] string? FullName,
    [property: PersonalData] string? DateOfBirth,
    [property: PersonalData] string? NationalId,
    [property: PersonalData] string? DocumentNumber,
    [property: PersonalData] string? Email,
    [property: PersonalData] string? Phone,
    [property: PersonalData] string? Address,
    [property: PersonalData] string? Nationality,
    string? Country,
    string? RiskRating,
    bool? Pep,
    string? Segment)
{
    public override string ToString() => Classified.Describe(this);
}

/// <summary>
/// Body of <c>PATCH /v1/customers/{id}</c>: the fields given replace the stored ones; a field left out
/// (or null) stays as it is.
/// </summary>
internal sealed record UpdateCustomerRequest(
    [property: PersonalData] string? FullName,
    [property: PersonalData] string? DateOfBirth,
    [property: PersonalData] string? NationalId,
    [property: PersonalData] string? DocumentNumber,
    [property: PersonalData] string? Email,
    [property: PersonalData] string? Phone,
    [property: PersonalData] string? Address,
    [property: PersonalData] string? Nationality,
    string? Country,
    string? RiskRating,
    bool? Pep,
    string? Segment)
{
    /// <summary>The same fields as a create request, for the shared validation and encryption.</summary>
    public CreateCustomerRequest AsCreate() =>
        new(null, FullName, DateOfBirth, NationalId, DocumentNumber, Email, Phone, Address, Nationality, Country, RiskRating, Pep, Segment);

    public override string ToString() => Classified.Describe(this);
}

/// <summary>Body of <c>POST /v1/customers/search</c>: exactly one of the fields.</summary>
internal sealed record CustomerSearchRequest([property: PersonalData] string? NationalId, [property: PersonalData] string? DocumentNumber, [property: PersonalData] string? Email)
{
    public override string ToString() => Classified.Describe(this);
}

internal sealed record CustomerSearchResponse([property: Pseudonym] IReadOnlyList<string> CustomerIds)
{
    public override string ToString() => Classified.Describe(this);
}

/// <summary>Body of <c>DELETE /v1/customers/{id}/pii</c>: why the person's data is erased.</summary>
internal sealed record EraseCustomerRequest(string? Reason);

/// <summary>A customer as most callers see it: attributes in the clear, PII masked (or null once erased).</summary>
internal sealed record CustomerResponse(
    [property: Pseudonym] string Id,
    string? Country,
    string RiskRating,
    bool Pep,
    string? Segment,
    string KycStatus,
    DateTimeOffset CreatedAt,
    bool PiiErased,
    CustomerPii? Pii)
{
    public override string ToString() => Classified.Describe(this);
}

/// <summary>The personal data of a customer, plaintext or masked depending on the endpoint.</summary>
internal sealed record CustomerPii(
    [property: PersonalData] string? FullName,
    [property: PersonalData] string? DateOfBirth,
    [property: PersonalData] string? NationalId,
    [property: PersonalData] string? DocumentNumber,
    [property: PersonalData] string? Email,
    [property: PersonalData] string? Phone,
    [property: PersonalData] string? Address,
    [property: PersonalData] string? Nationality)
{
    public override string ToString() => Classified.Describe(this);
}
