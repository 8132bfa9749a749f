namespace Compliance.Api.RuleSets;

/// <summary>
/// What a backtest has counted so far and where it stands in the range: stored as the job's
/// checkpoint, so a job stopped by a restart resumes after the last decision it counted instead
/// of starting over. Serialized as JSON; every member is plain data.
/// </summary>
internal sealed class BacktestTally
{
    public const int MaxExamples = 50;

    public int Total { get; set; }

    public int Replayed { get; set; }

    public int Flipped { get; set; }

    public int Mismatches { get; set; }

    public int[] BaselineRates { get; set; } = new int[3];

    public int[] CandidateRates { get; set; } = new int[3];

    public Dictionary<string, int> BaselineHits { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, int> CandidateHits { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, int> Flips { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<int, int> BaselineVersions { get; set; } = [];

    public List<FlipExample> Examples { get; set; } = [];

    /// <summary>The last decision counted (keyset cursor); null before the first.</summary>
    public DateTime? AfterAt { get; set; }

    public string AfterId { get; set; } = "";

    /// <summary>Time spent in earlier attempts; the time limit counts all of them.</summary>
    public double ElapsedSeconds { get; set; }

    public void Count(RecordedDecisionRow row, string before, IReadOnlyList<string> beforeCodes, string after, IEnumerable<string> afterCodes)
    {
        CandidateRates[Index(after)]++;
        BaselineRates[Index(before)]++;
        Mismatches += before == row.Decision ? 0 : 1;
        BaselineVersions[row.RuleSetVersion] = BaselineVersions.GetValueOrDefault(row.RuleSetVersion) + 1;
        if (before != after)
        {
            Flipped++;
            var key = $"{before}->{after}";
            Flips[key] = Flips.GetValueOrDefault(key) + 1;
            if (Examples.Count < MaxExamples)
            {
                var added = afterCodes.ToHashSet(StringComparer.Ordinal);
                Examples.Add(new FlipExample(row.TransactionId, new DateTimeOffset(DateTime.SpecifyKind(row.DecidedAt, DateTimeKind.Utc)), row.RuleSetVersion,
                    before, after, [.. added.Except(beforeCodes).Order(StringComparer.Ordinal)], [.. beforeCodes.Except(added).Order(StringComparer.Ordinal)]));
            }
        }

        Replayed++;
        AfterAt = row.DecidedAt;
        AfterId = row.TransactionId;
    }

    public BacktestResult Result(string ruleSet, int version, DateTimeOffset from, DateTimeOffset to, string? truncated, double elapsedSeconds)
    {
        var ruleNames = BaselineHits.Keys.Union(CandidateHits.Keys).Order(StringComparer.Ordinal);
        return new BacktestResult(ruleSet, version, from, to, Replayed, truncated is not null, truncated,
            new SortedDictionary<int, int>(BaselineVersions),
            DecisionRates.From(BaselineRates[0], BaselineRates[1], BaselineRates[2]), DecisionRates.From(CandidateRates[0], CandidateRates[1], CandidateRates[2]),
            Flipped, new SortedDictionary<string, int>(Flips, StringComparer.Ordinal), Examples,
            [.. ruleNames.Select(n => new RuleHits(n, BaselineHits.GetValueOrDefault(n), CandidateHits.GetValueOrDefault(n)))],
            Mismatches, Math.Round(elapsedSeconds, 3));
    }

    private static int Index(string decision) => decision switch
    {
        "allow" => 0,
        "review" => 1,
        _ => 2,
    };
}
