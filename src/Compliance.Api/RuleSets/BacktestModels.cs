namespace Compliance.Api.RuleSets;

/// <summary>How many decisions came out allow, review and block, and the share of each.</summary>
internal sealed record DecisionRates(int Allow, int Review, int Block, double AllowRate, double ReviewRate, double BlockRate)
{
    public static DecisionRates From(int allow, int review, int block)
    {
        var total = Math.Max(1, allow + review + block);
        return new DecisionRates(allow, review, block, Math.Round((double)allow / total, 4), Math.Round((double)review / total, 4), Math.Round((double)block / total, 4));
    }
}

/// <summary>One decision that would change: what the live version decided (re-evaluated) and what the candidate decides.</summary>
internal sealed record FlipExample(
    string TransactionId, DateTimeOffset DecidedAt, int BaselineVersion, string From, string To, IReadOnlyList<string> ReasonCodesAdded, IReadOnlyList<string> ReasonCodesRemoved);

/// <summary>How often a rule fired on the replayed facts, under the live versions and under the candidate.</summary>
internal sealed record RuleHits(string Rule, int Baseline, int Candidate);

internal sealed record BacktestResult(
    string RuleSet, int Version, DateTimeOffset From, DateTimeOffset To, int Replayed, bool Truncated, string? TruncatedReason,
    IReadOnlyDictionary<int, int> BaselineVersions, DecisionRates Baseline, DecisionRates Candidate, int Flipped,
    IReadOnlyDictionary<string, int> Flips, IReadOnlyList<FlipExample> Examples, IReadOnlyList<RuleHits> Rules, int RecordedMismatches, double ElapsedSeconds);

/// <summary>
/// A backtest job as <c>GET /v1/rulesets/{name}/backtests/{id}</c> shows it, from any instance.
/// Attempts above 1: the job was resumed after the instance running it stopped.
/// </summary>
internal sealed record BacktestStatus(Guid Id, string RuleSet, int Version, string Status, int Scanned, int Total, BacktestResult? Result, string? Error, int Attempts);

/// <summary>What a backtest replays: decisions of [From, To), at most MaxRows of them.</summary>
internal sealed record BacktestRange(DateTimeOffset From, DateTimeOffset To, int MaxRows);
