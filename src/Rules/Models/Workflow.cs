using System.Text.Json.Serialization;

namespace Compliance.Rules;

/// <summary>
/// A named set of rules, as in Microsoft RulesEngine's workflow JSON.
/// </summary>
public class Workflow
{
    /// <summary>The key under which the workflow is registered and executed.</summary>
    public string WorkflowName { get; set; } = null!;

    /// <summary>Legacy write-only alias of <see cref="WorkflowsToInject"/>, still read from old JSON.</summary>
    [Obsolete("Use WorkflowsToInject.")]
    [JsonInclude]
    public IEnumerable<string>? WorkflowRulesToInject
    {
        set => WorkflowsToInject = value;
        private get => null;
    }

    /// <summary>Registered workflows whose rules run after this workflow's own rules (resolved at execution).</summary>
    public IEnumerable<string>? WorkflowsToInject { get; set; }

    /// <summary>Always <see cref="RuleExpressionType.LambdaExpression"/>.</summary>
    public RuleExpressionType RuleExpressionType { get; set; } = RuleExpressionType.LambdaExpression;

    /// <summary>Named expressions evaluated once per execution, visible to every rule and action.</summary>
    public IEnumerable<ScopedParam>? GlobalParams { get; set; }

    /// <summary>The rules, evaluated in order.</summary>
    public IEnumerable<Rule>? Rules { get; set; }
}
