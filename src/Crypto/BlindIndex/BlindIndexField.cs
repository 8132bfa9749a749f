namespace Compliance.Crypto;

/// <summary>
/// One indexed column. <see cref="Name"/> selects the column's own HMAC key (derived from the
/// root key with HKDF, the name as info), so equal values in two columns get unrelated indexes.
/// </summary>
/// <param name="Name">A stable name, conventionally "table.column" (e.g. "kyc_subject.national_id"). Renaming it changes every index.</param>
/// <param name="Normalization">How values are canonicalized before hashing.</param>
/// <param name="Length">Bytes of HMAC-SHA256 kept, 4 to 32; default 16 (see docs/blind-index.md).</param>
public sealed record BlindIndexField(string Name, BlindIndexNormalization Normalization, int Length = BlindIndexField.DefaultLength)
{
    public const int DefaultLength = 16;
    public const int MinLength = 4;
    public const int MaxLength = 32;
}
