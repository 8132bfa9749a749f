namespace Compliance.Api.Customers;

/// <summary>The personal-data fields: their JSON and column names, and which have a blind index.</summary>
internal static class PiiField
{
    public const string FullName = "fullName";
    public const string DateOfBirth = "dateOfBirth";
    public const string NationalId = "nationalId";
    public const string DocumentNumber = "documentNumber";
    public const string Email = "email";
    public const string Phone = "phone";
    public const string Address = "address";
    public const string Nationality = "nationality";

    public static readonly IReadOnlyList<string> All =
        [FullName, DateOfBirth, NationalId, DocumentNumber, Email, Phone, Address, Nationality];

    /// <summary>Fields searchable by exact value through a blind index.</summary>
    public static readonly IReadOnlyList<string> Indexed = [NationalId, DocumentNumber, Email];

    public static string? Get(CustomerPii pii, string field) => field switch
    {
        FullName => pii.FullName,
        DateOfBirth => pii.DateOfBirth,
        NationalId => pii.NationalId,
        DocumentNumber => pii.DocumentNumber,
        Email => pii.Email,
        Phone => pii.Phone,
        Address => pii.Address,
        Nationality => pii.Nationality,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "not a PII field"),
    };

    public static CustomerPii From(IReadOnlyDictionary<string, string?> values) => new(
        values.GetValueOrDefault(FullName), values.GetValueOrDefault(DateOfBirth), values.GetValueOrDefault(NationalId),
        values.GetValueOrDefault(DocumentNumber), values.GetValueOrDefault(Email), values.GetValueOrDefault(Phone),
        values.GetValueOrDefault(Address), values.GetValueOrDefault(Nationality));
}
