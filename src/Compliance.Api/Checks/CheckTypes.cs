namespace Compliance.Api.Checks;

/// <summary>What the store needs of a validated request, with derived keys.</summary>
internal sealed record CheckInput(
    string TransactionId, string CustomerId, byte[] RequestHash, DateTimeOffset OccurredAt, decimal AmountBase, string Type, string? Channel, byte[]? CounterpartyKey,
    Guid? ClientKeyId = null);

/// <summary>The facts read under the customer's lock.</summary>
internal sealed record FactsRead(CustomerFactsRow? Customer, VelocityFacts Velocity, bool CounterpartySeenBefore);

/// <summary>A decision ready to store, with its serialized parts.</summary>
internal sealed record Decided(
    Guid CheckId, string Decision, int Score, string Reasons, string RuleSet, int RuleSetVersion, int RatesVersion,
    DateTimeOffset DecidedAt, int EvaluationUs, string Request, string Facts, string Response, Cases.CaseRoutingResult? Case = null);

/// <summary>The store's answer: a new decision, a replay of the stored one, or a conflicting reuse of the id.</summary>
internal sealed record CheckResult(string? Response, string? Decision, bool IsReplay, bool IsConflict)
{
    public static CheckResult Decided(string response, string decision) => new(response, decision, false, false);

    public static CheckResult Replay(string response) => new(response, null, true, false);

    public static CheckResult Conflict() => new(null, null, false, true);
}

internal enum OutcomeResult
{
    Recorded,
    Unchanged,
    NotFound,
    NotAllowed,
}

/// <summary>A stored decision's columns, as Dapper reads them.</summary>
internal sealed class StoredDecisionRow
{
    public string Response { get; init; } = "";

    public string Request { get; init; } = "";

    public string Facts { get; init; } = "";

    public string? Outcome { get; init; }

    public DateTime? OutcomeAt { get; init; }

    public string? FinalDecision { get; init; }

    public DateTime? FinalizedAt { get; init; }

    public Guid? CaseId { get; init; }
}
