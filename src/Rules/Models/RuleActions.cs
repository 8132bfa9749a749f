namespace Compliance.Rules;

/// <summary>The actions of a rule, one per outcome.</summary>
public class RuleActions
{
    /// <summary>Runs when the rule succeeds.</summary>
    public ActionInfo? OnSuccess { get; set; }

    /// <summary>Runs when the rule fails (including errors).</summary>
    public ActionInfo? OnFailure { get; set; }
}
