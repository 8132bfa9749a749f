using Compliance.Crypto;

namespace Compliance.Api.Customers;

/// <summary>A customer joined with its key and PII rows, as Dapper reads it.</summary>
internal sealed class CustomerRow
{
    public string Id { get; init; } = "";

    public string? Country { get; init; }

    public string RiskRating { get; init; } = "";

    public bool Pep { get; init; }

    public string? Segment { get; init; }

    public string KycStatus { get; init; } = "";

    public DateTime CreatedAt { get; init; }

    public DateTime? PiiErasedAt { get; init; }

    public Guid? DataKeyId { get; init; }

    public string? Provider { get; init; }

    public string? KekId { get; init; }

    public string? Algorithm { get; init; }

    public byte[]? WrappedKey { get; init; }

    public long? Encryptions { get; init; }

    public byte[]? FullName { get; init; }

    public byte[]? DateOfBirth { get; init; }

    public byte[]? NationalId { get; init; }

    public byte[]? DocumentNumber { get; init; }

    public byte[]? Email { get; init; }

    public byte[]? Phone { get; init; }

    public byte[]? Address { get; init; }

    public byte[]? Nationality { get; init; }

    public CustomerRecord ToRecord()
    {
        var envelopes = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        void Add(string field, byte[]? value)
        {
            if (value is not null)
            {
                envelopes[field] = value;
            }
        }

        Add(PiiField.FullName, FullName);
        Add(PiiField.DateOfBirth, DateOfBirth);
        Add(PiiField.NationalId, NationalId);
        Add(PiiField.DocumentNumber, DocumentNumber);
        Add(PiiField.Email, Email);
        Add(PiiField.Phone, Phone);
        Add(PiiField.Address, Address);
        Add(PiiField.Nationality, Nationality);
        var key = DataKeyId is { } dataKeyId
            ? new WrappedKey(new DataKeyId(dataKeyId), Id, Provider!, KekId!, Algorithm!, WrappedKey!)
            : null;
        return new CustomerRecord(Id, Country, RiskRating, Pep, Segment, KycStatus, new DateTimeOffset(CreatedAt, TimeSpan.Zero),
            PiiErasedAt is { } erased ? new DateTimeOffset(erased, TimeSpan.Zero) : null, key, Encryptions ?? 0, envelopes);
    }
}
