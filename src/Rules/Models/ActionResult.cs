namespace Compliance.Rules;

/// <summary>What an action produced: its output, or the exception it threw.</summary>
public class ActionResult
{
    /// <summary>The action's return value (null when the rule had no action for its outcome).</summary>
    public object? Output { get; set; }

    /// <summary>The wrapped exception ("Exception while executing &lt;Action&gt;: ...") when the action failed.</summary>
    public Exception? Exception { get; set; }
}
