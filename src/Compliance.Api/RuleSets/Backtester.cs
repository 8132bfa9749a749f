using System.Diagnostics;
using System.Text.Json;
using Compliance.Api.Checks;
using Compliance.Rules;

namespace Compliance.Api.RuleSets;

/// <summary>
/// Replays recorded decisions through a candidate version and through the version each was made
/// with, from their stored facts, with no side effects (nothing stored, no velocity counted).
/// Bounded by a row limit and a deadline; stops early and says so rather than running unbounded.
/// </summary>
internal sealed class Backtester(RuleSetStore store, TimeProvider time)
{
    private const int MaxExamples = 50;

    public async Task<BacktestResult> RunAsync(
        PublishedRuleSet candidate, DateTimeOffset from, DateTimeOffset to, int maxRows, TimeSpan maxTime, BacktestJob job, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var total = (int)Math.Min(maxRows, await store.DecisionCountAsync(candidate.Name, from, to, cancellationToken));
        job.Progress(0, total);
        var baselines = new Dictionary<int, PublishedRuleSet?>();
        var baselineVersions = new SortedDictionary<int, int>();
        int[] baselineRates = new int[3], candidateRates = new int[3];
        var baselineHits = new Dictionary<string, int>(StringComparer.Ordinal);
        var candidateHits = new Dictionary<string, int>(StringComparer.Ordinal);
        var flips = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var examples = new List<FlipExample>();
        int replayed = 0, flipped = 0, mismatches = 0;
        string? truncated = null;

        await foreach (var row in store.DecisionsAsync(candidate.Name, from, to, maxRows, cancellationToken))
        {
            if (time.GetElapsedTime(started) > maxTime)
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

            var after = await CheckService.EvaluateAsync(candidate, facts, withMessages: false);
            Count(candidate, after.Outcomes, candidateHits);
            candidateRates[Index(after.Decision)]++;

            // A version that no longer compiles (it cannot happen for published ones) falls back to the recorded decision.
            var before = baseline is null ? (Decision: row.Decision, Codes: (IReadOnlyList<string>)[])
                : await BaselineAsync(baseline, facts, baselineHits);
            baselineRates[Index(before.Decision)]++;
            mismatches += before.Decision == row.Decision ? 0 : 1;
            baselineVersions[row.RuleSetVersion] = baselineVersions.GetValueOrDefault(row.RuleSetVersion) + 1;

            if (before.Decision != after.Decision)
            {
                flipped++;
                var key = $"{before.Decision}->{after.Decision}";
                flips[key] = flips.GetValueOrDefault(key) + 1;
                if (examples.Count < MaxExamples)
                {
                    var afterCodes = after.Reasons.Select(r => r.ReasonCode).ToHashSet(StringComparer.Ordinal);
                    examples.Add(new FlipExample(row.TransactionId, new DateTimeOffset(DateTime.SpecifyKind(row.DecidedAt, DateTimeKind.Utc)), row.RuleSetVersion,
                        before.Decision, after.Decision, [.. afterCodes.Except(before.Codes).Order(StringComparer.Ordinal)],
                        [.. before.Codes.Except(afterCodes).Order(StringComparer.Ordinal)]));
                }
            }

            replayed++;
            if (replayed % 100 == 0)
            {
                job.Progress(replayed, total);
            }
        }

        job.Progress(replayed, total);
        if (truncated is null && total < await store.DecisionCountAsync(candidate.Name, from, to, cancellationToken))
        {
            truncated = $"replayed the first {maxRows} decisions of the range (row limit)";
        }

        var ruleNames = baselineHits.Keys.Union(candidateHits.Keys).Order(StringComparer.Ordinal);
        return new BacktestResult(candidate.Name, candidate.Version, from, to, replayed, truncated is not null, truncated, baselineVersions,
            DecisionRates.From(baselineRates[0], baselineRates[1], baselineRates[2]), DecisionRates.From(candidateRates[0], candidateRates[1], candidateRates[2]),
            flipped, flips, examples,
            [.. ruleNames.Select(n => new RuleHits(n, baselineHits.GetValueOrDefault(n), candidateHits.GetValueOrDefault(n)))],
            mismatches, Math.Round(time.GetElapsedTime(started).TotalSeconds, 3));
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

    private static int Index(string decision) => decision switch
    {
        "allow" => 0,
        "review" => 1,
        _ => 2,
    };
}
