namespace Compliance.Rules;

/// <summary>RulesEngine's <c>OnSuccess</c>/<c>OnFail</c> helpers on a result list (same class name, for drop-in use).</summary>
public static class ListofRuleResultTreeExtension
{
    /// <summary>Calls <paramref name="onSuccess"/> with the SuccessEvent (or name) of the first successful rule, if any.</summary>
    public static List<RuleResultTree> OnSuccess(this List<RuleResultTree> ruleResultTrees, Action<string> onSuccess)
    {
        ArgumentNullException.ThrowIfNull(ruleResultTrees);
        ArgumentNullException.ThrowIfNull(onSuccess);
        var first = ruleResultTrees.Find(r => r.IsSuccess);
        if (first is not null)
        {
            onSuccess(first.Rule.SuccessEvent ?? first.Rule.RuleName);
        }

        return ruleResultTrees;
    }

    /// <summary>Calls <paramref name="onFailure"/> when every rule failed.</summary>
    public static List<RuleResultTree> OnFail(this List<RuleResultTree> ruleResultTrees, Action onFailure)
    {
        ArgumentNullException.ThrowIfNull(ruleResultTrees);
        ArgumentNullException.ThrowIfNull(onFailure);
        if (ruleResultTrees.TrueForAll(r => !r.IsSuccess))
        {
            onFailure();
        }

        return ruleResultTrees;
    }
}
