namespace Compliance.Rules;

/// <summary>How a rule's expression is written. RulesEngine knows only lambda expressions.</summary>
public enum RuleExpressionType
{
    /// <summary>A C#-like boolean expression (the only kind).</summary>
    LambdaExpression = 0,
}
