namespace Compliance.Rules;

/// <summary>How a rule ended in the delegate path.</summary>
public enum RuleOutcomeKind
{
    /// <summary>The rule evaluated to false (an ordinary business failure).</summary>
    Failure = 0,

    /// <summary>The rule evaluated to true.</summary>
    Success = 1,

    /// <summary>The rule could not be evaluated: it did not compile, a scoped param failed, or it threw.</summary>
    Error = 2,
}
