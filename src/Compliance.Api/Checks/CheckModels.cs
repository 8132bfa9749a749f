using System.Text.Json;

namespace Compliance.Api.Checks;

/// <summary>A validated <c>POST /v1/checks</c> body.</summary>
internal sealed record CheckRequest(
    string TransactionId,
    [property: Pseudonym] string CustomerId,
    string Type,
    string Direction,
    decimal Amount,
    string Currency,
    string? Channel,
    CounterpartyInput? Counterparty,
    DateTimeOffset? OccurredAt,
    [property: PersonalData] JsonElement? Metadata)
{
    public override string ToString() => Classified.Describe(this);
}

/// <summary>The other side, as the client describes it. Name and account are never stored in the clear.</summary>
internal sealed record CounterpartyInput([property: PersonalData] string? Name, string? Country, [property: PersonalData] string? Account)
{
    public override string ToString() => Classified.Describe(this);
}

/// <summary>The answer to a check; stored as sent, so a replay returns it byte for byte.</summary>
internal sealed record CheckResponse(
    Guid CheckId,
    string TransactionId,
    string Decision,
    int Score,
    IReadOnlyList<CheckReason> Reasons,
    RuleSetRef RuleSet,
    int RatesVersion,
    DateTimeOffset DecidedAt,
    int EvaluationMicroseconds);

/// <summary>Why: one per rule that fired (or failed to evaluate).</summary>
/// <param name="Outcome"><c>block</c>, <c>review</c>, or <c>score</c> for rules that only add to the score.</param>
internal sealed record CheckReason(string Rule, string ReasonCode, string Outcome, int Score, string Message);

internal sealed record RuleSetRef(string Name, int Version);

/// <summary>Body of <c>POST /v1/checks/{transactionId}/outcome</c>.</summary>
internal sealed record OutcomeRequest(string? Outcome);

/// <summary>
/// A stored decision with its full explanation: the response plus the facts and request it was made on;
/// for a review, its case and, once the case closed, the final decision (allow or block).
/// </summary>
internal sealed record StoredDecision(
    CheckResponse Response, JsonElement Request, JsonElement Facts, string? Outcome, DateTimeOffset? OutcomeAt,
    Guid? CaseId = null, string? FinalDecision = null, DateTimeOffset? FinalizedAt = null);
