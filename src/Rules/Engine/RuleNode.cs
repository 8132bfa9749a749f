namespace Compliance.Rules;

/// <summary>
/// A compiled rule. Exactly one of three states: <see cref="CompileError"/> set (the rule always fails with it),
/// a leaf with <see cref="Predicate"/>, or a nested rule with <see cref="Children"/>.
/// </summary>
internal sealed class RuleNode
{
    public required Rule Rule { get; init; }

    public ParamNode[] Locals { get; init; } = [];

    /// <summary>The ExceptionMessage of a rule that did not compile (parse error or bad LocalParam).</summary>
    public string? CompileError { get; init; }

    /// <summary>What is thrown instead when exceptions are not turned into messages; also the delegate path's error.</summary>
    public RuleException? CompileException { get; init; }

    /// <summary>The message thrown when exceptions are not turned into messages, if it differs from <see cref="CompileError"/>.</summary>
    public string? ThrowMessage { get; init; }

    public Func<object?[], bool>? Predicate { get; init; }

    public RuleNode[]? Children { get; init; }

    /// <summary>And/AndAlso (all children) rather than Or/OrElse (any child).</summary>
    public bool IsAnd { get; init; }

    /// <summary>Whether this rule or a descendant declares an action.</summary>
    public bool HasActions { get; init; }
}
