using System.Text.Json;

namespace Compliance.Rules;

/// <summary>What a test case expects of one rule.</summary>
internal sealed record RuleExpectation(string RuleName, bool? Success, bool? Error, string? MessageContains, JsonElement? Output);
