namespace Compliance.Api.Kyc;

/// <summary>A row of <c>kyc_inbox</c>: a verified callback, normalized, and what processing made of it.</summary>
internal sealed class KycInboxRow
{
    /// <summary>The select list that fills this row from <c>kyc_inbox</c>.</summary>
    public const string Columns = """
        id AS Id, provider AS Provider, event_id AS EventId, event_type AS EventType, provider_ref AS ProviderRef, customer_ref AS CustomerRef,
        status AS Status, screening AS Screening, raw_status AS RawStatus, reason_codes AS ReasonCodes, occurred_at AS OccurredAt,
        needs_fetch AS NeedsFetch, request_id AS RequestId, received_at AS ReceivedAt, state AS State, detail AS Detail,
        attempts AS Attempts, processed_at AS ProcessedAt
        """;

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
