using Compliance.Crypto;

namespace Compliance.Api.Customers;

/// <summary>A customer's row with its wrapped data key (null once erased) and PII envelopes by field.</summary>
internal sealed record CustomerRecord(
    string Id,
    string? Country,
    string RiskRating,
    bool Pep,
    string? Segment,
    string KycStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset? PiiErasedAt,
    WrappedKey? Key,
    long Encryptions,
    IReadOnlyDictionary<string, byte[]> Envelopes);
