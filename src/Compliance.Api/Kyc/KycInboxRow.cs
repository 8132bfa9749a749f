namespace Compliance.Api.Kyc;

/// <summary>A row of <c>kyc_inbox</c>: a verified callback, normalized, and what processing made of it.</summary>
internal sealed class KycInboxRow
{
    public long Id { get; init; }

    public string Provider { get; init; } = "";

    public string EventId { get; init; } = "";

    public string EventType { get; init; } = "";

    public string ProviderRef { get; init; } = "";

    public string? CustomerRef { get; init; }

    public string? Status { get; init; }

    public string? Screening { get; init; }

    public string RawStatus { get; init; } = "";

    public string[] ReasonCodes { get; init; } = [];

    public DateTime? OccurredAt { get; init; }

    public bool NeedsFetch { get; init; }

    public string? RequestId { get; init; }

    public DateTime ReceivedAt { get; init; }

    /// <summary><c>received</c>, <c>applied</c>, <c>ignored</c>, <c>unmatched</c> or <c>failed</c>.</summary>
    public string State { get; init; } = "";

    public string? Detail { get; init; }

    public int Attempts { get; init; }

    public DateTime? ProcessedAt { get; init; }
}
