namespace Compliance.Rules;

/// <summary>A workflow is structurally invalid (thrown when it is added). <see cref="Errors"/> lists every problem.</summary>
public class RuleValidationException : RuleException
{
    /// <summary>Creates an exception.</summary>
    public RuleValidationException()
        : this("Validation failed", [])
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public RuleValidationException(string message)
        : this(message, [])
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    public RuleValidationException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    /// <summary>Creates an exception listing the problems.</summary>
    public RuleValidationException(string message, IReadOnlyList<string> errors)
        : base(message)
    {
        Errors = errors ?? [];
    }

    /// <summary>Each problem, e.g. "Rules[0].RuleName: Rule Name can not be null".</summary>
    public IReadOnlyList<string> Errors { get; }

    internal static RuleValidationException FromErrors(IReadOnlyList<string> errors) =>
        new("Validation failed: " + string.Concat(errors.Select(e => "\n -- " + e)), errors);
}
