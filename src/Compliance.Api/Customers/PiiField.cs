namespace Compliance.Api.Customers;

/// <summary>The personal-data fields by their JSON names (columns and blind indexes: <see cref="PiiColumns"/>).</summary>
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

    public static CustomerPii From(IReadOnlyDictionary<string, string?> values) => new(
        values.GetValueOrDefault(FullName), values.GetValueOrDefault(DateOfBirth), values.GetValueOrDefault(NationalId),
        values.GetValueOrDefault(DocumentNumber), values.GetValueOrDefault(Email), values.GetValueOrDefault(Phone),
        values.GetValueOrDefault(Address), values.GetValueOrDefault(Nationality));
}
