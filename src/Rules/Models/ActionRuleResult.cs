namespace Compliance.Rules;

/// <summary>The result of <see cref="IRulesEngine.ExecuteActionWorkflowAsync"/>: the action's result plus the rule results of the chain.</summary>
public class ActionRuleResult : ActionResult
{
    /// <summary>Results of the chained rules (innermost first), then the starting rule's result.</summary>
    public List<RuleResultTree>? Results { get; set; }
}
