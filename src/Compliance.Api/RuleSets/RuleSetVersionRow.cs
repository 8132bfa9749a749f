namespace Compliance.Api.RuleSets;

/// <summary>A stored rule set version, as Dapper reads it.</summary>
internal sealed class RuleSetVersionRow
{
    public string RuleSet { get; init; } = "";

    public int Version { get; init; }

    public string Status { get; init; } = "";

    public string Workflow { get; init; } = "";

    public string Settings { get; init; } = "{}";

    public string? Tests { get; init; }

    public string ContentHash { get; init; } = "";

    public string Author { get; init; } = "";
}
