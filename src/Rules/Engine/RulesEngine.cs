using System.Collections.Immutable;

namespace Compliance.Rules;

/// <summary>
/// A drop-in replacement for Microsoft RulesEngine's <c>RulesEngine</c>: same workflow JSON, same results, compiled once per
/// (workflow version, input shape) into delegates. Thread-safe; meant to be a long-lived singleton.
/// </summary>
/// <remarks>
/// Registered workflows live in an immutable dictionary behind a volatile field. Each registration is a new
/// <see cref="WorkflowEntry"/> carrying its own compiled snapshots, so an execution that started on one version finishes on
/// it, and <see cref="AddOrUpdateWorkflow"/> takes effect for the next execution. Executions take no locks.
/// </remarks>
public partial class RulesEngine : IRulesEngine
{
    private static readonly ImmutableDictionary<string, WorkflowEntry> EmptyRegistry =
        ImmutableDictionary.Create<string, WorkflowEntry>(StringComparer.Ordinal);

    private readonly ReSettings _settings;
    private readonly Dictionary<string, Func<ActionBase>> _actions;
    private readonly ActionExpressionCache _actionExpressions;
    private readonly Lock _writeLock = new();
    private volatile ImmutableDictionary<string, WorkflowEntry> _registry = EmptyRegistry;

    /// <summary>Creates an engine holding the given workflows (validated now, compiled at first execution).</summary>
    public RulesEngine(Workflow[] workflows, ReSettings? reSettings = null)
        : this(reSettings)
    {
        ArgumentNullException.ThrowIfNull(workflows);
        AddWorkflow(workflows);
    }

    /// <summary>Creates an engine from workflow JSON documents (each one workflow, or an array of workflows).</summary>
    public RulesEngine(string[] jsonConfig, ReSettings? reSettings = null)
        : this(reSettings)
    {
        ArgumentNullException.ThrowIfNull(jsonConfig);
        AddWorkflow([.. jsonConfig.SelectMany(WorkflowJson.Parse)]);
    }

    /// <summary>Creates an empty engine. The settings are copied: later changes to <paramref name="reSettings"/> have no effect.</summary>
    public RulesEngine(ReSettings? reSettings = null)
    {
        _settings = new ReSettings(reSettings ?? new ReSettings());
        _actions = new Dictionary<string, Func<ActionBase>>(StringComparer.OrdinalIgnoreCase)
        {
            ["OutputExpression"] = () => new OutputExpressionAction(this),
            ["EvaluateRule"] = () => new EvaluateRuleAction(this),
        };
        foreach (var custom in _settings.CustomActions ?? [])
        {
            _actions[custom.Key] = custom.Value;
        }

        _actionExpressions = new ActionExpressionCache(_settings);
    }

    /// <inheritdoc/>
    public void AddWorkflow(params Workflow[] workflows)
    {
        ArgumentNullException.ThrowIfNull(workflows);
        Validate(workflows);
        lock (_writeLock)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var workflow in workflows)
            {
                if (_registry.ContainsKey(workflow.WorkflowName) || !names.Add(workflow.WorkflowName))
                {
                    var message = $"Cannot add workflow `{workflow.WorkflowName}` as it already exists. Use `AddOrUpdateWorkflow` to update existing workflow";
                    throw new RuleValidationException(message, [message]);
                }
            }

            _registry = _registry.SetItems(workflows.Select(w => KeyValuePair.Create(w.WorkflowName, new WorkflowEntry(w))));
        }
    }

    /// <inheritdoc/>
    public void AddOrUpdateWorkflow(params Workflow[] workflows)
    {
        ArgumentNullException.ThrowIfNull(workflows);
        Validate(workflows);
        lock (_writeLock)
        {
            _registry = _registry.SetItems(workflows.Select(w => KeyValuePair.Create(w.WorkflowName, new WorkflowEntry(w))));
        }
    }

    /// <inheritdoc/>
    public void RemoveWorkflow(params string[] workflowNames)
    {
        ArgumentNullException.ThrowIfNull(workflowNames);
        lock (_writeLock)
        {
            _registry = _registry.RemoveRange(workflowNames);
        }
    }

    /// <inheritdoc/>
    public void ClearWorkflows()
    {
        lock (_writeLock)
        {
            _registry = EmptyRegistry;
        }
    }

    /// <inheritdoc/>
    public bool ContainsWorkflow(string workflowName)
    {
        ArgumentNullException.ThrowIfNull(workflowName);
        return _registry.ContainsKey(workflowName);
    }

    /// <inheritdoc/>
    public List<string> GetAllRegisteredWorkflowNames() => [.. _registry.Keys];

    private static void Validate(Workflow[] workflows)
    {
        var errors = new List<string>();
        foreach (var workflow in workflows)
        {
            if (workflow is null)
            {
                errors.Add("Workflow can not be null");
                continue;
            }

            errors.AddRange(WorkflowStructure.Check(workflow).Select(p => p.ToString()));
        }

        if (errors.Count > 0)
        {
            throw RuleValidationException.FromErrors(errors);
        }
    }
}
