namespace Compliance.Api.RuleSets;

/// <summary>A rule set version's settings, next to its workflow (<c>settings.json</c> in a rule set directory).</summary>
internal sealed record RuleSetSettings
{
    /// <summary>A summed score at or above this makes the decision at least <c>review</c>.</summary>
    public int ScoreThreshold { get; init; } = 50;
}
