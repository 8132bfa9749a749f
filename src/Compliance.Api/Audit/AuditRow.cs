namespace Compliance.Api.Audit;

/// <summary>
/// An <c>audit_log</c> row as Dapper reads it (settable members; timestamptz arrives as a UTC
/// DateTime), and the column list that fills it.
/// </summary>
internal sealed class AuditRow
{
    public const string Columns = """
        id AS Id, chain AS Chain, seq AS Seq, occurred_at AS OccurredAt, principal AS Principal, action AS Action,
        subject_type AS SubjectType, subject AS Subject, fields AS Fields, purpose AS Purpose, outcome AS Outcome,
        request_id AS RequestId, detail AS Detail, prev_hash AS PrevHash, hash AS Hash
        """;

    public long Id { get; init; }

    public string Chain { get; init; } = "";

    public long Seq { get; init; }

    public DateTime OccurredAt { get; init; }

    public string Principal { get; init; } = "";

    public string Action { get; init; } = "";

    public string? SubjectType { get; init; }

    public string? Subject { get; init; }

    public string[] Fields { get; init; } = [];

    public string? Purpose { get; init; }

    public string Outcome { get; init; } = "";

    public string? RequestId { get; init; }

    public string? Detail { get; init; }

    public byte[] PrevHash { get; init; } = [];

    public byte[] Hash { get; init; } = [];

    public AuditRecord ToRecord() => new(Id, Chain, Seq, new DateTimeOffset(OccurredAt, TimeSpan.Zero), Principal, Action, SubjectType,
        Subject, Fields, Purpose, Outcome, RequestId, Detail, PrevHash, Hash);
}
