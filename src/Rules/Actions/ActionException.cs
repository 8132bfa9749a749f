namespace Compliance.Rules;

/// <summary>An action threw; <see cref="Exception.InnerException"/> is what it threw.</summary>
public sealed class ActionException : RuleException
{
    /// <summary>Creates an exception.</summary>
    public ActionException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public ActionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    public ActionException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
