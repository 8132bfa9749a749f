using Compliance.Crypto;

namespace Compliance.Api.Customers;

/// <summary>Where each PII field is stored, the context its envelope is bound to, and its blind index.</summary>
internal static class PiiColumns
{
    public const string Table = "customer_pii";

    public static readonly IReadOnlyDictionary<string, string> ColumnOf = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [PiiField.FullName] = "full_name",
        [PiiField.DateOfBirth] = "date_of_birth",
        [PiiField.NationalId] = "national_id",
        [PiiField.DocumentNumber] = "document_number",
        [PiiField.Email] = "email",
        [PiiField.Phone] = "phone",
        [PiiField.Address] = "address",
        [PiiField.Nationality] = "nationality",
    };

    /// <summary>One key per field (derived from the root by name), so equal values in two fields do not correlate.</summary>
    public static readonly IReadOnlyDictionary<string, BlindIndexField> IndexOf = new Dictionary<string, BlindIndexField>(StringComparer.Ordinal)
    {
        [PiiField.NationalId] = new("customer_pii.national_id", BlindIndexNormalization.Identifier),
        [PiiField.DocumentNumber] = new("customer_pii.document_number", BlindIndexNormalization.Identifier),
        [PiiField.Email] = new("customer_pii.email", BlindIndexNormalization.Email),
    };

    public static EncryptionContext Context(string field, string customerId) => new(Table, ColumnOf[field], customerId);
}
