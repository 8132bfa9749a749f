namespace Compliance.Api.RuleSets;

/// <summary>A stored decision as a backtest replays it: its facts and what was decided, with which version.</summary>
internal sealed class RecordedDecisionRow
{
    public string TransactionId { get; init; } = "";

    public string Facts { get; init; } = "";

    public string Decision { get; init; } = "";

    public int RuleSetVersion { get; init; }

    public DateTime DecidedAt { get; init; }
}
