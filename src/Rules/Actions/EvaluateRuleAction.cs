namespace Compliance.Rules;

/// <summary>
/// Built-in <c>EvaluateRule</c>: runs another rule (<c>workflowName</c>, <c>ruleName</c>) through
/// <see cref="RulesEngine.ExecuteActionWorkflowAsync"/>, forwarding the current inputs (only those named in
/// <c>inputFilter</c>, when given) plus <c>additionalInputs</c> computed from the current inputs.
/// </summary>
internal sealed class EvaluateRuleAction(RulesEngine engine) : ActionBase
{
    internal override async ValueTask<ActionRuleResult> ExecuteAndReturnResultAsync(ActionContext context, RuleParameter[] ruleParameters, bool includeRuleResults)
    {
        var inner = await base.ExecuteAndReturnResultAsync(context, ruleParameters, includeRuleResults);
        var chained = inner.Output as ActionRuleResult;
        List<RuleResultTree>? results = null;
        if (includeRuleResults || chained?.Results?.Count > 0)
        {
            results = [.. chained?.Results ?? [], .. inner.Results ?? []];
        }

        return new ActionRuleResult { Output = chained?.Output, Exception = inner.Exception, Results = results };
    }

    public override async ValueTask<object> Run(ActionContext context, RuleParameter[] ruleParameters)
    {
        var workflowName = context.GetContext<string>("workflowName");
        var ruleName = context.GetContext<string>("ruleName");
        var forwarded = new List<RuleParameter>(ruleParameters);
        if (context.TryGetContext<List<string>>("inputFilter", out var inputFilter))
        {
            forwarded = [.. ruleParameters.Where(p => inputFilter.Contains(p.Name))];
        }

        if (context.TryGetContext<List<ScopedParam>>("additionalInputs", out var additionalInputs))
        {
            foreach (var additional in additionalInputs)
            {
                forwarded.Add(new RuleParameter(additional.Name, engine.ActionExpressions.Evaluate(additional.Expression, ruleParameters)));
            }
        }

        return await engine.ExecuteActionWorkflowAsync(workflowName, ruleName, [.. forwarded]);
    }
}
