using Compliance.Api.Storage;

namespace Compliance.Api.Screening.Decisions;

/// <summary>What an officer decides about one hit.</summary>
internal static class MatchDecision
{
    public const string ConfirmedMatch = "confirmed_match";
    public const string FalsePositive = "false_positive";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { ConfirmedMatch, FalsePositive };
}

/// <summary>Body of <c>POST /v1/customers/{id}/screening/decisions</c>: a hit (list and entry) and what it is.</summary>
internal sealed record ScreeningDecisionRequest(string? List, string? EntryId, string? Decision);

/// <summary>A decision as stored (properties for Dapper).</summary>
internal sealed class ScreeningDecisionRow
{
    public Guid Id { get; init; }

    public string CustomerId { get; init; } = "";

    public string List { get; init; } = "";

    public int ListVersion { get; init; }

    public string EntryId { get; init; } = "";

    public string Decision { get; init; } = "";

    public string State { get; init; } = "";

    public Guid ScreeningId { get; init; }

    public string ProposedBy { get; init; } = "";

    public DateTime ProposedAt { get; init; }

    public string? DecidedBy { get; init; }

    public DateTime? DecidedAt { get; init; }
}

internal sealed record ScreeningDecisionResponse(
    Guid Id, string CustomerId, string List, int ListVersion, string EntryId, string Decision, string State, Guid ScreeningId,
    string ProposedBy, DateTimeOffset ProposedAt, string? DecidedBy, DateTimeOffset? DecidedAt, string ScreeningStatus)
{
    public static ScreeningDecisionResponse From(ScreeningDecisionRow row, string screeningStatus) => new(
        row.Id, row.CustomerId, row.List, row.ListVersion, row.EntryId, row.Decision, row.State, row.ScreeningId, row.ProposedBy,
        DbTime.Utc(row.ProposedAt), row.DecidedBy, DbTime.Utc(row.DecidedAt), screeningStatus);
}

/// <summary>A stored screening of a customer (properties for Dapper: text[] columns).</summary>
internal sealed class CustomerScreeningRow
{
    public Guid Id { get; init; }

    public DateTime ScreenedAt { get; init; }

    public string Trigger { get; init; } = "";

    public string[] ListVersions { get; init; } = [];

    public double Threshold { get; init; }

    public string Status { get; init; } = "";

    public string Hits { get; init; } = "[]";

    public string[] Whitelisted { get; init; } = [];
}

internal sealed record CustomerScreeningResponse(
    Guid Id, DateTimeOffset ScreenedAt, string Trigger, IReadOnlyList<string> ListVersions, double Threshold, string Status,
    System.Text.Json.JsonElement Hits, IReadOnlyList<string> Whitelisted);

/// <summary><c>GET /v1/customers/{id}/screening</c>: the status, the latest screenings with their hits, and the officers' decisions.</summary>
internal sealed record CustomerScreeningView(
    string CustomerId, string ScreeningStatus, IReadOnlyList<CustomerScreeningResponse> Screenings, IReadOnlyList<ScreeningDecisionResponse> Decisions);

/// <summary>How a proposal or an approval ended.</summary>
internal enum DecisionOutcome
{
    Done,
    CustomerNotFound,
    HitNotFound,
    DecisionNotFound,
    Pending,
    AlreadyInForce,
    ConfirmedNotReversible,
    NotPending,
    SameOfficer,
}

internal sealed record DecisionResult(DecisionOutcome Outcome, ScreeningDecisionRow? Decision = null, string? ScreeningStatus = null);
