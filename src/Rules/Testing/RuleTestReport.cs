using System.Collections.Immutable;

namespace Compliance.Rules;

/// <summary>The result of running a rule test file.</summary>
/// <param name="WorkflowName">The workflow under test.</param>
/// <param name="Cases">Per-case results, in file order.</param>
/// <param name="Errors">Problems that stopped the whole run (unreadable files, invalid workflow); empty when it ran.</param>
public sealed record RuleTestReport(string? WorkflowName, ImmutableArray<RuleTestCaseResult> Cases, ImmutableArray<string> Errors)
{
    /// <summary>Whether the run had no errors, at least one case, and every case passed.</summary>
    public bool Passed => Errors.IsEmpty && !Cases.IsEmpty && Cases.All(c => c.Passed);
}
