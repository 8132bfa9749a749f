namespace Compliance.Rules;

/// <summary>One checked expectation of a test case: a rule's outcome (and optionally its output or message).</summary>
/// <param name="RuleName">The top-level rule.</param>
/// <param name="Passed">Whether the expectation held.</param>
/// <param name="Message">"ok" or what differed, e.g. "expected true, got false (ExceptionMessage: ...)".</param>
public sealed record RuleTestAssertion(string RuleName, bool Passed, string Message);
