using System.Collections.Immutable;

namespace Compliance.Rules;

public partial class RulesEngine
{
    /// <inheritdoc/>
    public ValueTask<List<RuleResultTree>> ExecuteAllRulesAsync(string workflowName, params object[] inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var parameters = new RuleParameter[inputs.Length];
        for (var i = 0; i < inputs.Length; i++)
        {
            parameters[i] = new RuleParameter($"input{i + 1}", inputs[i]);
        }

        return ExecuteAllRulesAsync(workflowName, parameters, CancellationToken.None);
    }

    /// <inheritdoc/>
    public ValueTask<List<RuleResultTree>> ExecuteAllRulesAsync(string workflowName, params RuleParameter[] ruleParams) =>
        ExecuteAllRulesAsync(workflowName, ruleParams, CancellationToken.None);

    /// <inheritdoc/>
    /// <remarks>Completes synchronously unless an action is asynchronous. Failures surface through the returned task, as with an async method.</remarks>
    public ValueTask<List<RuleResultTree>> ExecuteAllRulesAsync(string workflowName, RuleParameter[] ruleParams, CancellationToken cancellationToken)
    {
        try
        {
            ArgumentNullException.ThrowIfNull(workflowName);
            ArgumentNullException.ThrowIfNull(ruleParams);
            var compiled = GetCompiled(workflowName, ruleParams);
            var actionsOn = _settings.AutoExecuteActions;

            // With actions on and none in the workflow, every result is made reading an empty ActionResult.
            var results = compiled.ExecuteTrees(ruleParams, noActions: actionsOn && !compiled.HasActions, cancellationToken);
            return actionsOn && compiled.HasActions ? RunActionsAsync(results, cancellationToken) : new ValueTask<List<RuleResultTree>>(results);
        }
        catch (OperationCanceledException ex)
        {
            return ValueTask.FromCanceled<List<RuleResultTree>>(ex.CancellationToken);
        }
#pragma warning disable CA1031 // Not swallowed: re-surfaced through the task, as an async method would.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return ValueTask.FromException<List<RuleResultTree>>(ex);
        }
    }

    /// <inheritdoc/>
    public async ValueTask<ActionRuleResult> ExecuteActionWorkflowAsync(string workflowName, string ruleName, RuleParameter[] ruleParameters)
    {
        ArgumentNullException.ThrowIfNull(workflowName);
        ArgumentNullException.ThrowIfNull(ruleName);
        ArgumentNullException.ThrowIfNull(ruleParameters);
        var compiled = GetCompiled(workflowName, ruleParameters);
        if (compiled.GlobalError is { AtRunTime: true } collision)
        {
            // As RulesEngine: a GlobalParam named like an input throws here (ExecuteAllRulesAsync fails each rule).
            throw new RuleException(collision.Message);
        }

        var node = Array.Find(compiled.Rules, n => string.Equals(n.Rule.RuleName, ruleName, StringComparison.Ordinal))
            ?? throw new ArgumentException($"Workflow `{workflowName}` does not contain any rule named `{ruleName}`");
        var result = compiled.ExecuteSingle(node, ruleParameters);
        return await ExecuteActionForRuleResultAsync(result, includeRuleResults: true, CancellationToken.None);
    }

    /// <summary>The compiled snapshot of the current version of a workflow for these inputs' names and types.</summary>
    private CompiledWorkflow GetCompiled(string workflowName, RuleParameter[] parameters)
    {
        var registry = _registry;
        var entry = Lookup(registry, workflowName);
        var compiled = entry.Find(parameters);
        if (compiled is not null && IsCurrent(compiled, registry))
        {
            return compiled;
        }

        foreach (var parameter in parameters)
        {
            ArgumentNullException.ThrowIfNull(parameter, nameof(parameters));
        }

        return CompileAndStore(entry, registry, [.. parameters.Select(p => p.Name)], [.. parameters.Select(p => p.Type)]);
    }

    private CompiledWorkflow GetCompiled(string workflowName, string[] names, Type[] types)
    {
        var registry = _registry;
        var entry = Lookup(registry, workflowName);
        var compiled = entry.Find(names, types);
        return compiled is not null && IsCurrent(compiled, registry)
            ? compiled
            : CompileAndStore(entry, registry, [.. names], [.. types]);
    }

    private static WorkflowEntry Lookup(ImmutableDictionary<string, WorkflowEntry> registry, string workflowName) =>
        registry.TryGetValue(workflowName, out var entry)
            ? entry
            : throw new ArgumentException($"Rule config file is not present for the {workflowName} workflow");

    private CompiledWorkflow CompileAndStore(WorkflowEntry entry, ImmutableDictionary<string, WorkflowEntry> registry, string[] names, Type[] types)
    {
        var compiled = Compile(entry, registry, names, types);
        entry.Store(compiled, _settings.CacheConfig.SizeLimit);
        return compiled;
    }

    private static bool IsCurrent(CompiledWorkflow compiled, ImmutableDictionary<string, WorkflowEntry> registry)
    {
        foreach (var dependency in compiled.Dependencies)
        {
            if (!registry.TryGetValue(dependency.WorkflowName, out var current) || !ReferenceEquals(current, dependency.Entry))
            {
                return false;
            }
        }

        return true;
    }

    private CompiledWorkflow Compile(WorkflowEntry entry, ImmutableDictionary<string, WorkflowEntry> registry, string[] names, Type[] types, List<WorkflowProblem>? problems = null)
    {
        var workflow = entry.Workflow;
        var rules = new List<Rule>();
        var dependencies = ImmutableArray.CreateBuilder<WorkflowDependency>();
        CollectRules(workflow, registry, rules, dependencies, [workflow.WorkflowName]);
        return WorkflowCompiler.Compile(workflow.WorkflowName, rules, workflow.GlobalParams, names, types, _settings, dependencies.ToImmutable(), problems);
    }

    /// <summary>The workflow's enabled rules, then (recursively) those of the workflows it injects, resolved now without touching the stored workflows.</summary>
    private static void CollectRules(
        Workflow workflow, ImmutableDictionary<string, WorkflowEntry> registry, List<Rule> rules, ImmutableArray<WorkflowDependency>.Builder dependencies, List<string> chain)
    {
        rules.AddRange(workflow.Rules?.Where(r => r is { Enabled: true }) ?? []);
        foreach (var injectedName in workflow.WorkflowsToInject ?? [])
        {
            if (!registry.TryGetValue(injectedName, out var injected))
            {
                throw new RuleException($"Could not find injected Workflow: {injectedName}");
            }

            if (chain.Contains(injectedName, StringComparer.Ordinal))
            {
                throw new RuleException($"Workflow injection forms a cycle: {string.Join(" -> ", chain)} -> {injectedName}");
            }

            dependencies.Add(new WorkflowDependency(injectedName, injected));
            chain.Add(injectedName);
            CollectRules(injected.Workflow, registry, rules, dependencies, chain);
            chain.RemoveAt(chain.Count - 1);
        }
    }
}
