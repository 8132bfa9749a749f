using System.Text.Json;
using Compliance.Api.Storage;
using static Compliance.Api.Storage.DbTime;

namespace Compliance.Api.Cases;

/// <summary>A case as the list and the detail show it.</summary>
internal sealed record CaseResponse(
    Guid Id, string Kind, string CustomerId, string Inbox, string State, string? Resolution, string? ResolutionReason, int Priority,
    string? Assignee, string[] ReasonCodes, DateTimeOffset OpenedAt, DateTimeOffset UpdatedAt, DateTimeOffset DueAt, bool SlaBreached,
    DateTimeOffset? ClosedAt, string? ReportRequestedBy)
{
    public static CaseResponse From(CaseRow row, DateTimeOffset now) => new(
        row.Id, row.Kind, row.CustomerId, row.Inbox, row.State, row.Resolution, row.ResolutionReason, row.Priority, row.Assignee, row.ReasonCodes,
        Utc(row.OpenedAt), Utc(row.UpdatedAt), Utc(row.DueAt), (row.ClosedAt is { } closed ? Utc(closed) : now) > Utc(row.DueAt),
        row.ClosedAt is { } at ? Utc(at) : null, row.ReportRequestedBy);
}

internal sealed record CasePage(IReadOnlyList<CaseResponse> Items, string? Next);

/// <summary>
/// One case with what it is about: each decision with its reasons and the facts it was made on, and
/// the KYC and screening results that opened or joined it, the officers' comments, and the customer's
/// KYC and screening status and history now (no PII: that stays behind the purpose-bound read).
/// </summary>
/// <param name="Dispute">For a case of kind dispute: the dispute, with the rules' step, its reasons and the facts they read.</param>
internal sealed record CaseDetail(
    CaseResponse Case, IReadOnlyList<CaseDecision> Decisions, IReadOnlyList<CaseEvent> Events, IReadOnlyList<CaseComment> Comments, Kyc.KycResponse? Kyc,
    Disputes.DisputeResponse? Dispute);

/// <summary>A KYC or screening result in a case: <c>ref</c> is the verification and the provider's event.</summary>
internal sealed record CaseEvent(string Kind, string Ref, string[] ReasonCodes, DateTimeOffset AddedAt);

internal sealed record CaseDecision(
    string TransactionId, string Decision, int Score, string[] ReasonCodes, DateTimeOffset AddedAt, DateTimeOffset DecidedAt,
    string RuleSet, int RuleSetVersion, JsonElement Reasons, JsonElement Facts, string? Outcome)
{
    public static CaseDecision From(CaseDecisionRow row) => new(
        row.TransactionId, row.Decision, row.Score, row.ReasonCodes, DbTime.Utc(row.AddedAt), DbTime.Utc(row.DecidedAt), row.RuleSet,
        row.RuleSetVersion, JsonSerializer.Deserialize<JsonElement>(row.Reasons), JsonSerializer.Deserialize<JsonElement>(row.Facts), row.Outcome);
}

/// <summary>Body of <c>POST /v1/cases/{id}/assign</c>.</summary>
internal sealed record AssignRequest(string? Assignee);

/// <summary>Body of <c>POST /v1/cases/{id}/close</c>.</summary>
internal sealed record CloseRequest(string? Resolution, string? Reason);

/// <summary>The filters of <c>GET /v1/cases</c>.</summary>
internal sealed record CaseFilter(string? Inbox, string? State, string? Assignee, string? Reason, DateTimeOffset? DueBefore);

/// <summary>A case's columns, as Dapper reads them.</summary>
internal sealed class CaseRow
{
    public Guid Id { get; init; }

    public string Kind { get; init; } = "";

    public string CustomerId { get; init; } = "";

    public string Inbox { get; init; } = "";

    public string State { get; init; } = "";

    public string? Resolution { get; init; }

    public string? ResolutionReason { get; init; }

    public short Priority { get; init; }

    public string? Assignee { get; init; }

    public string[] ReasonCodes { get; init; } = [];

    public DateTime OpenedAt { get; init; }

    public DateTime UpdatedAt { get; init; }

    public DateTime DueAt { get; init; }

    public DateTime? ClosedAt { get; init; }

    public string? ReportRequestedBy { get; init; }
}

/// <summary>A linked KYC or screening item's columns, as Dapper reads them.</summary>
internal sealed class CaseEventRow
{
    public string ItemKind { get; init; } = "";

    public string Ref { get; init; } = "";

    public string[] ReasonCodes { get; init; } = [];

    public DateTime AddedAt { get; init; }
}

/// <summary>A linked decision's columns, as Dapper reads them.</summary>
internal sealed class CaseDecisionRow
{
    public string TransactionId { get; init; } = "";

    public string Decision { get; init; } = "";

    public int Score { get; init; }

    public string[] ReasonCodes { get; init; } = [];

    public DateTime AddedAt { get; init; }

    public DateTime DecidedAt { get; init; }

    public string RuleSet { get; init; } = "";

    public int RuleSetVersion { get; init; }

    public string Reasons { get; init; } = "[]";

    public string Facts { get; init; } = "{}";

    public string? Outcome { get; init; }
}
