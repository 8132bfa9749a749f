namespace Compliance.Rules;

/// <summary>The outcome of one top-level rule in <see cref="CompiledWorkflow.Evaluate(ReadOnlySpan{object}, Span{RuleOutcome})"/>.</summary>
public readonly struct RuleOutcome : IEquatable<RuleOutcome>
{
    internal RuleOutcome(RuleOutcomeKind kind, RuleException? error)
    {
        Kind = kind;
        Error = error;
    }

    /// <summary>Success, failure or error.</summary>
    public RuleOutcomeKind Kind { get; }

    /// <summary>
    /// For <see cref="RuleOutcomeKind.Error"/>: a <see cref="RuleException"/> whose message is what
    /// <see cref="RuleResultTree.ExceptionMessage"/> would hold, with the original exception as inner exception.
    /// </summary>
    public RuleException? Error { get; }

    /// <summary>Whether the rule passed (what <see cref="RuleResultTree.IsSuccess"/> says).</summary>
    public bool IsSuccess => Kind == RuleOutcomeKind.Success;

    internal static RuleOutcome Success => new(RuleOutcomeKind.Success, null);

    internal static RuleOutcome Failure => new(RuleOutcomeKind.Failure, null);

    /// <inheritdoc/>
    public bool Equals(RuleOutcome other) => Kind == other.Kind && ReferenceEquals(Error, other.Error);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is RuleOutcome other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, Error);

    /// <inheritdoc/>
    public override string ToString() => Error is null ? Kind.ToString() : $"{Kind}: {Error.Message}";

    /// <summary>Equality.</summary>
    public static bool operator ==(RuleOutcome left, RuleOutcome right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(RuleOutcome left, RuleOutcome right) => !left.Equals(right);
}
