using System.Collections.Immutable;

namespace Compliance.Rules;

/// <summary>One case of a test file: its inputs by name (JSON, converted when the case runs) and its expectations.</summary>
internal sealed record RuleTestCase(string Name, ImmutableArray<RuleTestInput> Inputs, ImmutableArray<RuleExpectation> Expectations);
