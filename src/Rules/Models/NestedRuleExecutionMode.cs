namespace Compliance.Rules;

/// <summary>How the children of a nested rule (Operator And/Or) are evaluated.</summary>
public enum NestedRuleExecutionMode
{
    /// <summary>Every child is evaluated and appears in <see cref="RuleResultTree.ChildResults"/>.</summary>
    All = 0,

    /// <summary>And stops at the first failed child, Or at the first successful one.</summary>
    Performance = 1,
}
