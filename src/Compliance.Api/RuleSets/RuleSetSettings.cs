namespace Compliance.Api.RuleSets;

/// <summary>A rule set version's settings, next to its workflow (<c>settings.json</c> in a rule set directory).</summary>
internal sealed record RuleSetSettings
{
    /// <summary>Pre-transaction: a summed score at or above this makes the decision at least <c>review</c>.</summary>
    public int ScoreThreshold { get; init; } = 50;

    /// <summary>
    /// Disputes: what a dispute waiting for evidence becomes when its deadline passes with none:
    /// <c>reject</c>, <c>accept</c> or <c>review</c> (an officer decides).
    /// </summary>
    public string OnEvidenceMissed { get; init; } = "reject";

    public static readonly IReadOnlySet<string> EvidenceMissedSteps = new HashSet<string>(StringComparer.Ordinal) { "reject", "accept", "review" };
}
