using System.Text.Json.Serialization;

namespace Compliance.Rules;

/// <summary>
/// A rule of a workflow: a leaf with a boolean <see cref="Expression"/>, or a nested rule whose
/// <see cref="Operator"/> (And, AndAlso, Or, OrElse) combines its child <see cref="Rules"/>.
/// Same names and shape as Microsoft RulesEngine's <c>Rule</c>.
/// </summary>
public class Rule
{
    /// <summary>The rule's name, unique among the enabled top-level rules of its workflow.</summary>
    public string RuleName { get; set; } = null!;

    /// <summary>Free-form metadata, returned untouched through <see cref="RuleResultTree.Rule"/>.</summary>
    public Dictionary<string, object>? Properties { get; set; }

    /// <summary>null for a leaf rule; And, AndAlso, Or or OrElse for a nested rule.</summary>
    public string? Operator { get; set; }

    /// <summary>Failure message template; <c>$(input1.a.b)</c> placeholders are filled in for failed top-level rules.</summary>
    public string? ErrorMessage { get; set; }

    /// <summary>A disabled rule is neither compiled nor evaluated and is absent from the results.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Always <see cref="RuleExpressionType.LambdaExpression"/>.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter))]
    public RuleExpressionType RuleExpressionType { get; set; } = RuleExpressionType.LambdaExpression;

    /// <summary>Read by validation only (a nested rule needs Rules or this); never injected, as in RulesEngine.</summary>
    public IEnumerable<string>? WorkflowsToInject { get; set; }

    /// <summary>Child rules of a nested rule.</summary>
    public IEnumerable<Rule>? Rules { get; set; }

    /// <summary>Named expressions evaluated before this rule, visible to it, its children and its actions.</summary>
    public IEnumerable<ScopedParam>? LocalParams { get; set; }

    /// <summary>The boolean expression of a leaf rule (ignored on nested rules).</summary>
    public string? Expression { get; set; }

    /// <summary>Actions to run after evaluation.</summary>
    public RuleActions? Actions { get; set; }

    /// <summary>Informational; used by <see cref="ListofRuleResultTreeExtension.OnSuccess"/>.</summary>
    public string? SuccessEvent { get; set; }
}
