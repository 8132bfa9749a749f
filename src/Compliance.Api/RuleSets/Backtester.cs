using System.Text.Json;
using Compliance.Api.Checks;
using Compliance.Rules;

namespace Compliance.Api.RuleSets;

/// <summary>
/// Replays recorded decisions through a candidate version and through the version each was made
/// with, from their stored facts, with no side effects (nothing stored, no velocity counted).
/// Bounded by a row limit and a deadline; stops early and says so rather than running unbounded.
/// Counts into a <see cref="BacktestTally"/> that it hands to a checkpoint every <c>checkpointEvery</c>, and
/// continues from a tally's cursor, so a job resumes where it stopped.
/// </summary>
internal sealed class Backtester(RuleSetStore store, TimeProvider time)
{
    /// <returns>The result; null when <paramref name="checkpoint"/> answers false (the job is no longer this run's).</returns>
    public async Task<BacktestResult?> RunAsync(
        PublishedRuleSet candidate, BacktestRange range, BacktestTally tally, TimeSpan maxTime, TimeSpan checkpointEvery,
        Func<BacktestTally, CancellationToken, Task<bool>> checkpoint, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var lastCheckpoint = started;
        double Elapsed() => tally.ElapsedSeconds + time.GetElapsedTime(started).TotalSeconds;

        var inRange = await store.DecisionCountAsync(candidate.Name, range.From, range.To, cancellationToken);
        if (tally.AfterAt is null)
        {
            tally.Total = (int)Math.Min(range.MaxRows, inRange);
        }

        var baselines = new Dictionary<int, PublishedRuleSet?>();
        string? truncated = null;
        var after = tally.AfterAt is { } at ? (new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)), tally.AfterId) : ((DateTimeOffset, string)?)null;
        await foreach (var row in store.DecisionsAsync(candidate.Name, range.From, range.To, range.MaxRows - tally.Replayed, after, cancellationToken))
        {
            if (Elapsed() > maxTime.TotalSeconds)
            {
                truncated = $"stopped after {maxTime.TotalSeconds:0} s (RuleSets:BacktestMaxSeconds)";
                break;
            }

            var facts = JsonSerializer.Deserialize<CheckService.CheckFacts>(row.Facts, RuleSetStore.Json)!;
            if (!baselines.TryGetValue(row.RuleSetVersion, out var baseline))
            {
                baseline = await CompileAsync(candidate.Name, row.RuleSetVersion, cancellationToken);
                baselines[row.RuleSetVersion] = baseline;
            }

            var candidateResult = await CheckService.EvaluateAsync(candidate, facts, withMessages: false);
            Count(candidate, candidateResult.Outcomes, tally.CandidateHits);

            // A version that no longer compiles (it cannot happen for published ones) falls back to the recorded decision.
            var before = baseline is null ? (Decision: row.Decision, Codes: (IReadOnlyList<string>)[])
                : await BaselineAsync(baseline, facts, tally.BaselineHits);
            tally.Count(row, before.Decision, before.Codes, candidateResult.Decision, candidateResult.Reasons.Select(r => r.ReasonCode));

            if (time.GetElapsedTime(lastCheckpoint) >= checkpointEvery)
            {
                if (!await checkpoint(tally, cancellationToken))
                {
                    return null;
                }

                lastCheckpoint = time.GetTimestamp();
            }
        }

        if (truncated is null && tally.Replayed < inRange)
        {
            truncated = $"replayed the first {range.MaxRows} decisions of the range (row limit)";
        }

        return tally.Result(candidate.Name, candidate.Version, range.From, range.To, truncated, Elapsed());
    }

    private static async Task<(string Decision, IReadOnlyList<string> Codes)> BaselineAsync(
        PublishedRuleSet baseline, CheckService.CheckFacts facts, Dictionary<string, int> hits)
    {
        var result = await CheckService.EvaluateAsync(baseline, facts, withMessages: false);
        Count(baseline, result.Outcomes, hits);
        return (result.Decision, [.. result.Reasons.Select(r => r.ReasonCode)]);
    }

    private async Task<PublishedRuleSet?> CompileAsync(string name, int version, CancellationToken cancellationToken)
    {
        var row = await store.VersionAsync(name, version, cancellationToken);
        return row is null ? null : PublishedRuleSet.TryCreate(name, version, row.ContentHash, row.Workflow, RuleSetStore.ParseSettings(row.Settings), out _);
    }

    private static void Count(PublishedRuleSet ruleSet, RuleOutcome[] outcomes, Dictionary<string, int> hits)
    {
        for (var i = 0; i < outcomes.Length; i++)
        {
            if (outcomes[i].IsSuccess)
            {
                hits[ruleSet.Rules[i].RuleName] = hits.GetValueOrDefault(ruleSet.Rules[i].RuleName) + 1;
            }
            else
            {
                hits.TryAdd(ruleSet.Rules[i].RuleName, 0);
            }
        }
    }
}
