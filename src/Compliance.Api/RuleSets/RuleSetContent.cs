namespace Compliance.Api.RuleSets;

/// <summary>What a version holds, as text exactly as stored and hashed.</summary>
internal sealed record RuleSetContent(string Workflow, string Settings, string? Tests, int? BasedOn);
