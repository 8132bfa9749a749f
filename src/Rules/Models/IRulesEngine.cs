namespace Compliance.Rules;

/// <summary>The RulesEngine API: register workflows, execute them, run actions.</summary>
public interface IRulesEngine
{
    /// <summary>Executes every enabled rule of a workflow; the inputs are named input1..inputN.</summary>
    ValueTask<List<RuleResultTree>> ExecuteAllRulesAsync(string workflowName, params object[] inputs);

    /// <summary>Executes every enabled rule of a workflow with named inputs.</summary>
    ValueTask<List<RuleResultTree>> ExecuteAllRulesAsync(string workflowName, params RuleParameter[] ruleParams);

    /// <summary>Executes every enabled rule of a workflow with named inputs; cancellation is checked between rules and before each action.</summary>
    ValueTask<List<RuleResultTree>> ExecuteAllRulesAsync(string workflowName, RuleParameter[] ruleParams, CancellationToken cancellationToken);

    /// <summary>Evaluates one rule and runs its action, following EvaluateRule chains.</summary>
    ValueTask<ActionRuleResult> ExecuteActionWorkflowAsync(string workflowName, string ruleName, RuleParameter[] ruleParameters);

    /// <summary>Validates and registers workflows; throws if a name exists.</summary>
    void AddWorkflow(params Workflow[] workflows);

    /// <summary>Validates and adds or atomically replaces workflows.</summary>
    void AddOrUpdateWorkflow(params Workflow[] workflows);

    /// <summary>Removes workflows by name.</summary>
    void RemoveWorkflow(params string[] workflowNames);

    /// <summary>Removes every workflow.</summary>
    void ClearWorkflows();

    /// <summary>Whether a workflow of that name is registered.</summary>
    bool ContainsWorkflow(string workflowName);

    /// <summary>The registered workflow names.</summary>
    List<string> GetAllRegisteredWorkflowNames();
}
