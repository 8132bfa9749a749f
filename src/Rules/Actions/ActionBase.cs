namespace Compliance.Rules;

/// <summary>Base class of actions run after a rule (built-in or registered in <see cref="ReSettings.CustomActions"/>).</summary>
public abstract class ActionBase
{
    /// <summary>Runs the action. The return value becomes <see cref="ActionResult.Output"/>.</summary>
    /// <param name="context">The action's context values and the rule result that triggered it.</param>
    /// <param name="ruleParameters">The rule's inputs: inputs, GlobalParams and LocalParams.</param>
    public abstract ValueTask<object> Run(ActionContext context, RuleParameter[] ruleParameters);

    internal virtual async ValueTask<ActionRuleResult> ExecuteAndReturnResultAsync(
        ActionContext context, RuleParameter[] ruleParameters, bool includeRuleResults)
    {
        var result = new ActionRuleResult();
        try
        {
            result.Output = await Run(context, ruleParameters);
        }
#pragma warning disable CA1031 // An action's failure is reported as a value in ActionResult.Exception, as in RulesEngine.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            result.Exception = new ActionException($"Exception while executing {GetType().Name}: {ex.Message}", ex);
        }
        finally
        {
            if (includeRuleResults)
            {
                result.Results = [context.GetParentRuleResult()];
            }
        }

        return result;
    }
}
