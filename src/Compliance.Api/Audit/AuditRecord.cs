using Compliance.Api.Storage;

namespace Compliance.Api.Audit;

/// <summary>An audit row as stored, with its place in its chain.</summary>
internal sealed record AuditRecord(
    long Id,
    string Chain,
    long Seq,
    DateTimeOffset OccurredAt,
    string Principal,
    string Action,
    string? SubjectType,
    string? Subject,
    string[] Fields,
    string? Purpose,
    string Outcome,
    string? RequestId,
    string? Detail,
    byte[] PrevHash,
    byte[] Hash)
{
    /// <summary>The bytes <see cref="Hash"/> covers (with <see cref="PrevHash"/>); see migration 0002.</summary>
    public static byte[] Canonical(string chain, long seq, DateTimeOffset occurredAt, AuditEvent e) =>
        new CanonicalWriter()
            .Add("audit/v1").Add(chain).Add(seq).Add(occurredAt)
            .Add(e.Principal).Add(e.Action).Add(e.SubjectType).Add(e.Subject)
            .Add(string.Join(',', e.Fields ?? [])).Add(e.Purpose).Add(e.Outcome)
            .Add(e.RequestId).Add(e.Detail)
            .Written.ToArray();

    public AuditEvent Event => new(Principal, Action, Outcome, SubjectType, Subject, Fields, Purpose, RequestId, Detail);
}
