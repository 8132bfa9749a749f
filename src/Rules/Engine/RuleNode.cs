using System.Linq.Expressions;

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

    private Func<object?[], bool>? _predicate;

    /// <summary>
    /// The leaf's expression as a delegate over the slots. A leaf evaluated in a <see cref="FusedRun"/> compiles it on first
    /// use (only <c>ExecuteActionWorkflowAsync</c> evaluates such a rule alone).
    /// </summary>
    public Func<object?[], bool>? Predicate
    {
        get => _predicate ?? (Body is null ? null : LazyInitializer.EnsureInitialized(ref _predicate, () => SlotLambda.Compile<bool>(Body, SlotOf!)));
        init => _predicate = value;
    }

    /// <summary>The bound expression of a leaf that a <see cref="FusedRun"/> evaluates; null for every other node.</summary>
    public Expression? Body { get; init; }

    /// <summary>The slot of each variable <see cref="Body"/> reads.</summary>
    public IReadOnlyDictionary<ParameterExpression, int>? SlotOf { get; init; }

    public RuleNode[]? Children { get; init; }

    /// <summary>And/AndAlso (all children) rather than Or/OrElse (any child).</summary>
    public bool IsAnd { get; init; }

    /// <summary>Whether this rule or a descendant declares an action.</summary>
    public bool HasActions { get; init; }
}
