namespace Compliance.Api.RuleSets;

/// <summary>A rule set with its published version number, as Dapper reads it.</summary>
internal sealed class RuleSetSummary
{
    public string Name { get; init; } = "";

    public DateTime CreatedAt { get; init; }

    public int? PublishedVersion { get; init; }

    public int LatestVersion { get; init; }
}
