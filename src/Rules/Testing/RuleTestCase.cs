using System.Collections.Immutable;

namespace Compliance.Rules;

/// <summary>One case of a test file: its inputs (already converted) and its expectations.</summary>
internal sealed record RuleTestCase(string Name, ImmutableArray<RuleParameter> Inputs, ImmutableArray<RuleExpectation> Expectations);
