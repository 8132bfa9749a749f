using Compliance.Api.Checks;
using Compliance.Rules;

namespace Compliance.Api.RuleSets;

/// <summary>Runs a version: its stored test cases, or a dry run on sample facts. Nothing is stored, no velocity is counted.</summary>
internal static class RuleSetTests
{
    public static async Task<TestReport> RunStoredAsync(RuleSetVersionRow row, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(row.Tests))
        {
            return new TestReport(false, 0, 0, [], ["the version has no test cases; add at least one"]);
        }

        var report = await RuleTestRunner.RunAsync(row.Workflow, row.Tests, null, RuleInputReader.ForTests(RuleSetKind.Find(row.RuleSet)?.Shape), cancellationToken);
        var results = report.Cases.Select(c => new TestCaseResult(c.Name, c.Passed, c.Error,
            [.. c.Assertions.Where(a => !a.Passed).Select(a => new TestFailure(a.RuleName, a.Message))])).ToList();
        return new TestReport(report.Passed, results.Count, results.Count(r => !r.Passed), results, [.. report.Errors]);
    }

    public static async Task<IReadOnlyList<DryRunResult>> DryRunAsync(PublishedRuleSet ruleSet, IReadOnlyList<DryRunSample> samples)
    {
        var results = new List<DryRunResult>(samples.Count);
        foreach (var sample in samples)
        {
            var facts = new CheckService.CheckFacts(
                sample.Transaction ?? new TransactionFacts(), sample.Customer ?? new CustomerFacts(), sample.Velocity ?? new VelocityFacts(),
                sample.Counterparty ?? new CounterpartyFacts());
            var (outcomes, decision, score, reasons, _) = await CheckService.EvaluateAsync(ruleSet, facts, withMessages: true);
            var rules = ruleSet.Rules.Select((rule, i) => new RuleResult(rule.RuleName,
                outcomes[i].Kind switch { RuleOutcomeKind.Success => "hit", RuleOutcomeKind.Error => "error", _ => "miss" }, outcomes[i].Error?.Message)).ToList();
            results.Add(new DryRunResult(sample.Name, decision, score, reasons, rules));
        }

        return results;
    }
}
