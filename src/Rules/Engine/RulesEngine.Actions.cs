namespace Compliance.Rules;

public partial class RulesEngine
{
    internal ActionExpressionCache ActionExpressions => _actionExpressions;

    private async ValueTask<List<RuleResultTree>> RunActionsAsync(List<RuleResultTree> results, CancellationToken cancellationToken)
    {
        await RunActionsAsync((IEnumerable<RuleResultTree>)results, cancellationToken);
        return results;
    }

    /// <summary>Runs each result's action depth-first, children before their parent, as RulesEngine does.</summary>
    private async ValueTask RunActionsAsync(IEnumerable<RuleResultTree> results, CancellationToken cancellationToken)
    {
        foreach (var result in results)
        {
            if (result.ChildResults is not null)
            {
                await RunActionsAsync(result.ChildResults, cancellationToken);
            }

            cancellationToken.ThrowIfCancellationRequested();
            var actionResult = await ExecuteActionForRuleResultAsync(result, includeRuleResults: false, cancellationToken);
            result.ActionResult = new ActionResult { Output = actionResult.Output, Exception = actionResult.Exception };
        }
    }

    private async ValueTask<ActionRuleResult> ExecuteActionForRuleResultAsync(RuleResultTree result, bool includeRuleResults, CancellationToken cancellationToken)
    {
        var actions = result.Rule.Actions;
        var actionInfo = result.IsSuccess ? actions?.OnSuccess : actions?.OnFailure;
        if (actionInfo is null)
        {
            return new ActionRuleResult { Results = includeRuleResults ? [result] : null };
        }

        cancellationToken.ThrowIfCancellationRequested();
        var action = CreateAction(actionInfo.Name);
        var parameters = result.Inputs.Select(pair => new RuleParameter(pair.Key, pair.Value)).ToArray();
        var actionResult = await action.ExecuteAndReturnResultAsync(new ActionContext(actionInfo.Context, result), parameters, includeRuleResults);
        if (actionResult.Exception is { } exception && !_settings.EnableExceptionAsErrorMessage && !_settings.IgnoreException)
        {
            throw exception;
        }

        return actionResult;
    }

    private ActionBase CreateAction(string? name)
    {
        if (name is null || !_actions.TryGetValue(name, out var factory))
        {
            throw new KeyNotFoundException($"Action with name: {name} does not exist");
        }

        return factory();
    }
}
