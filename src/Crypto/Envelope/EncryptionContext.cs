namespace Compliance.Crypto;

/// <summary>
/// Where a field value lives: the table, the column and the data subject (customer) it belongs to.
/// It is bound into every ciphertext as additional authenticated data, so a value copied to another
/// row, column or table no longer decrypts.
/// </summary>
/// <remarks>
/// Bind only what never changes for the life of the value. Names are compared byte for byte
/// (ordinal UTF-8): "kyc_subject" and "KYC_Subject" are different contexts.
/// </remarks>
public readonly record struct EncryptionContext
{
    /// <summary>Longest UTF-8 encoding accepted for each part, so the AAD fits on the stack.</summary>
    public const int MaxPartByteCount = 256;

    public EncryptionContext(string table, string field, string subjectId)
    {
        ArgumentException.ThrowIfNullOrEmpty(table);
        ArgumentException.ThrowIfNullOrEmpty(field);
        ArgumentException.ThrowIfNullOrEmpty(subjectId);
        ThrowIfTooLong(table);
        ThrowIfTooLong(field);
        ThrowIfTooLong(subjectId);
        Table = table;
        Field = field;
        SubjectId = subjectId;
    }

    public string Table { get; }

    public string Field { get; }

    public string SubjectId { get; }

    /// <summary>Table and field only: the subject id is an identifier we keep out of messages and logs.</summary>
    public override string ToString() => $"{Table}.{Field}";

    private static void ThrowIfTooLong(string value, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(value) > MaxPartByteCount)
        {
            throw new ArgumentException($"The {name} is longer than {MaxPartByteCount} UTF-8 bytes.", name);
        }
    }
}
