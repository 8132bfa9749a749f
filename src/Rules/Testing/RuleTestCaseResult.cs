using System.Collections.Immutable;

namespace Compliance.Rules;

/// <summary>The result of one test case.</summary>
/// <param name="Name">The case's name.</param>
/// <param name="Assertions">One per expected rule, in the order the case lists them.</param>
/// <param name="Error">Set when the case could not run (bad inputs, unknown workflow, an exception from the engine).</param>
public sealed record RuleTestCaseResult(string Name, ImmutableArray<RuleTestAssertion> Assertions, string? Error)
{
    /// <summary>Whether the case ran and every assertion passed.</summary>
    public bool Passed => Error is null && Assertions.All(a => a.Passed);
}
