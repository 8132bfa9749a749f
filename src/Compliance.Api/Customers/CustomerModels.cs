namespace Compliance.Api.Customers;

/// <summary>Body of <c>POST /v1/customers</c>. PII fields are encrypted before they reach the database.</summary>
internal sealed record CreateCustomerRequest(
    string? Id,
    string? FullName,
    string? DateOfBirth,
    string? NationalId,
    string? DocumentNumber,
    string? Email,
    string? Phone,
    string? Address,
    string? Nationality,
    string? Country,
    string? RiskRating,
    bool? Pep,
    string? Segment);

/// <summary>Body of <c>POST /v1/customers/search</c>: exactly one of the fields.</summary>
internal sealed record CustomerSearchRequest(string? NationalId, string? DocumentNumber, string? Email);

internal sealed record CustomerSearchResponse(IReadOnlyList<string> CustomerIds);

/// <summary>Body of <c>DELETE /v1/customers/{id}/pii</c>: why the person's data is erased.</summary>
internal sealed record EraseCustomerRequest(string? Reason);

/// <summary>A customer as most callers see it: attributes in the clear, PII masked (or null once erased).</summary>
internal sealed record CustomerResponse(
    string Id,
    string? Country,
    string RiskRating,
    bool Pep,
    string? Segment,
    string KycStatus,
    DateTimeOffset CreatedAt,
    bool PiiErased,
    CustomerPii? Pii);

/// <summary>The personal data of a customer, plaintext or masked depending on the endpoint.</summary>
internal sealed record CustomerPii(
    string? FullName,
    string? DateOfBirth,
    string? NationalId,
    string? DocumentNumber,
    string? Email,
    string? Phone,
    string? Address,
    string? Nationality);
