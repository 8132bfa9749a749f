namespace Compliance.Api.RuleSets;

/// <summary>Why a draft may not go to review yet: its diagnostics, or its failing test cases. Empty when it may.</summary>
internal sealed record SubmissionCheck(IReadOnlyList<RuleSetDiagnostic> Diagnostics, TestReport? Report, IReadOnlyList<string> TestFailures)
{
    public bool Ready => Diagnostics.Count == 0 && TestFailures.Count == 0;
}

/// <summary>
/// The bar a draft clears before review, the same from the API and the console: it is valid and
/// every one of its stored test cases passes (and it has at least one).
/// </summary>
internal static class RuleSetSubmission
{
    public static async Task<SubmissionCheck> CheckAsync(RuleSetVersionRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        var diagnostics = RuleSetValidator.Validate(row.RuleSet, new RuleSetContent(row.Workflow, row.Settings, row.Tests, row.BasedOn));
        if (diagnostics.Count > 0)
        {
            return new SubmissionCheck(diagnostics, null, []);
        }

        var report = await RuleSetTests.RunStoredAsync(row, cancellationToken);
        var failures = report.Passed
            ? []
            : report.Results.Where(c => !c.Passed)
                .SelectMany(c => c.Error is { } error ? [$"{c.Name}: {error}"] : c.Failures.Select(f => $"{c.Name}: {f.Rule}: {f.Message}"))
                .Concat(report.Errors)
                .DefaultIfEmpty("the version has no test cases; add at least one")
                .ToList();
        return new SubmissionCheck([], report, failures);
    }
}
