namespace Compliance.Api.RuleSets;

/// <summary>Bound from the <c>RuleSets</c> section.</summary>
internal sealed class RuleSetOptions
{
    public const string Section = "RuleSets";

    /// <summary>Rule set files that seed version 1 of each rule set the database does not have yet.</summary>
    public string SeedDirectory { get; set; } = Path.Combine(AppContext.BaseDirectory, "rules");

    /// <summary>How often each instance checks for a newly published version (the fallback to notifications).</summary>
    public int RefreshMilliseconds { get; set; } = 1000;
}
