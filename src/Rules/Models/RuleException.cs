namespace Compliance.Rules;

/// <summary>
/// A rule failed to compile or to run while <see cref="ReSettings.EnableExceptionAsErrorMessage"/> is false,
/// or a workflow cannot be executed with the given inputs. <see cref="Exception.Data"/> carries
/// <c>RuleName</c> and <c>Expression</c> as in RulesEngine.
/// </summary>
public class RuleException : Exception
{
    /// <summary>Creates an exception.</summary>
    public RuleException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public RuleException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    public RuleException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The rule concerned, if any.</summary>
    public string? RuleName => Data["RuleName"] as string;

    /// <summary>The expression concerned, if any.</summary>
    public string? Expression => Data["Expression"] as string;

    internal static RuleException ForRule(string message, Rule rule, Exception? inner = null)
    {
        var exception = new RuleException(message, inner);
        exception.Data["RuleName"] = rule.RuleName;
        exception.Data["Expression"] = rule.Expression;
        return exception;
    }
}
