namespace Compliance.Api.Audit;

/// <summary>One audit row as <c>GET /v1/audit</c> shows it (hashes as hex, for offline verification).</summary>
internal sealed record AuditEntryResponse(
    long Id, string Chain, long Seq, DateTimeOffset OccurredAt, string Principal, string Action, string? SubjectType, string? Subject,
    string[] Fields, string? Purpose, string Outcome, string? RequestId, string? Detail, string PrevHash, string Hash)
{
    public static AuditEntryResponse From(AuditRecord r) => new(r.Id, r.Chain, r.Seq, r.OccurredAt, r.Principal, r.Action, r.SubjectType,
        r.Subject, r.Fields, r.Purpose, r.Outcome, r.RequestId, r.Detail, Convert.ToHexStringLower(r.PrevHash), Convert.ToHexStringLower(r.Hash));
}

/// <summary>A page of the audit log, oldest first; pass <see cref="Next"/> as <c>after</c> for the next page.</summary>
internal sealed record AuditPage(IReadOnlyList<AuditEntryResponse> Items, long? Next);
