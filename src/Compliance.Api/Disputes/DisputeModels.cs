using System.Text.Json;
using Compliance.Api.Checks;
using static Compliance.Api.Storage.DbTime;

namespace Compliance.Api.Disputes;

/// <summary>Body of <c>POST /v1/disputes</c>. Amount and currency default to the transaction's.</summary>
internal sealed record DisputeRequest(string? DisputeId, string? TransactionId, string? Kind, string? Reason, decimal? Amount, string? Currency);

/// <summary>Body of <c>POST /v1/disputes/{id}/evidence</c>: the document is kept by the client; its hash is recorded.</summary>
internal sealed record EvidenceRequest(string? AttachmentSha256, string? Description);

/// <summary>A dispute: what the rules decided and why, where it stands, and its case.</summary>
internal sealed record DisputeResponse(
    string DisputeId, string TransactionId, string Kind, string Reason, decimal Amount, string Currency, decimal AmountBase, string State, string Step,
    IReadOnlyList<CheckReason> Reasons, RuleSetRef RuleSet, Guid CaseId, DateTimeOffset? EvidenceDueAt, DateTimeOffset? EvidenceAt, string OnEvidenceMissed,
    DateTimeOffset OpenedAt, DateTimeOffset? ResolvedAt, string? ResolvedBy, string? ResolutionReason, JsonElement Facts)
{
    public static DisputeResponse From(DisputeRow row) => new(
        row.DisputeId, row.TransactionId, row.Kind, row.Reason, row.Amount, row.Currency, row.AmountBase, row.State, row.Step,
        JsonSerializer.Deserialize<List<CheckReason>>(row.Reasons, CheckService.Json) ?? [], new RuleSetRef(row.RuleSet, row.RuleSetVersion), row.CaseId,
        row.EvidenceDueAt is { } due ? Utc(due) : null, row.EvidenceAt is { } ev ? Utc(ev) : null, row.OnEvidenceMissed, Utc(row.OpenedAt),
        row.ResolvedAt is { } resolved ? Utc(resolved) : null, row.ResolvedBy, row.ResolutionReason, JsonSerializer.Deserialize<JsonElement>(row.Facts));
}

/// <summary>The states of a dispute; the last two are final.</summary>
internal static class DisputeStates
{
    public const string AwaitingEvidence = "awaiting_evidence";
    public const string InReview = "in_review";
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";
}

/// <summary>A dispute's columns, as Dapper reads them.</summary>
internal sealed class DisputeRow
{
    public string DisputeId { get; init; } = "";

    public string TransactionId { get; init; } = "";

    public string CustomerId { get; init; } = "";

    public Guid? ClientKeyId { get; init; }

    public byte[] RequestHash { get; init; } = [];

    public string Kind { get; init; } = "";

    public string Reason { get; init; } = "";

    public decimal Amount { get; init; }

    public string Currency { get; init; } = "";

    public decimal AmountBase { get; init; }

    public decimal TransactionAmount { get; init; }

    public string State { get; init; } = "";

    public string Step { get; init; } = "";

    public string Reasons { get; init; } = "[]";

    public string Facts { get; init; } = "{}";

    public string RuleSet { get; init; } = "";

    public int RuleSetVersion { get; init; }

    public string OnEvidenceMissed { get; init; } = "";

    public Guid CaseId { get; init; }

    public DateTime? EvidenceDueAt { get; init; }

    public DateTime? EvidenceAt { get; init; }

    public DateTime OpenedAt { get; init; }

    public DateTime? ResolvedAt { get; init; }

    public string? ResolvedBy { get; init; }

    public string? ResolutionReason { get; init; }
}
