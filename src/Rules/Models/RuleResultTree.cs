namespace Compliance.Rules;

/// <summary>The result of one rule, with its children's results for nested rules.</summary>
/// <remarks>
/// Reading is thread-safe. Two values are produced on first read rather than during execution, because most callers of a
/// large rule set never read them for most rules: the formatted ErrorMessage (from the placeholder values captured when
/// the rule ran, which the engine only defers when they cannot change; see <c>FrozenValues</c>), and the empty
/// <see cref="ActionResult"/> of a rule that had no action. Each is computed once and then returned as the same instance.
/// </remarks>
public class RuleResultTree
{
    // Marks a rule that had no action; never handed out.
    private static readonly ActionResult EmptyActionPending = new();

    // The message, or the PendingMessage that formats it on first read. Few fields on purpose: a rule
    // set evaluates into one of these per rule, and every field is 8 bytes of each (64 bytes per
    // result; a failed rule whose message waits to be formatted adds its 32-byte PendingMessage).
    private object? _message = "";

    // null, an ActionResult, or EmptyActionPending: no action ran, and the empty result is made on first read.
    private ActionResult? _actionResult;

    /// <summary>The rule that was evaluated (the very object of the workflow).</summary>
    public Rule Rule { get; set; } = null!;

    /// <summary>Whether the rule passed.</summary>
    public bool IsSuccess { get; set; }

    /// <summary>null for leaf rules; the evaluated children of a nested rule.</summary>
    public IEnumerable<RuleResultTree>? ChildResults { get; set; }

    /// <summary>
    /// Every value in scope for the rule: inputs, GlobalParams, and the LocalParams of the rule and its ancestors.
    /// Rules that declare no LocalParams share one dictionary per execution: treat it as read-only.
    /// </summary>
    public Dictionary<string, object> Inputs { get; set; } = null!;

    /// <summary>Set after the rule's action ran (or was found absent).</summary>
    public ActionResult? ActionResult
    {
        get
        {
            var current = Volatile.Read(ref _actionResult);
            return ReferenceEquals(current, EmptyActionPending) ? CreateEmptyActionResult() : current;
        }
        set => Volatile.Write(ref _actionResult, value);
    }

    /// <summary>"" on success; on failure the error text or the formatted <see cref="Rule.ErrorMessage"/>.</summary>
    public string ExceptionMessage
    {
        get => Volatile.Read(ref _message) as string ?? FormatPendingMessage();
        set => Volatile.Write(ref _message, value);
    }

    /// <summary>Defers formatting the ErrorMessage to the first read. Called before the result is published.</summary>
    internal void SetPendingMessage(MessageTemplate template, object? captured) => _message = new PendingMessage(template, captured);

    /// <summary>Marks the rule as having had no action: <see cref="ActionResult"/> reads as an empty one.</summary>
    internal void SetEmptyActionResult() => _actionResult = EmptyActionPending;

    private string FormatPendingMessage()
    {
        // Formatting is a pure function of the captured values, so racing readers compute equal text; the first one stored wins.
        var current = Volatile.Read(ref _message);
        if (current is not PendingMessage pending)
        {
            return (string)current!;
        }

        var formatted = pending.Template.Format(pending.Captured);
        return Interlocked.CompareExchange(ref _message, formatted, pending) as string ?? formatted;
    }

    private ActionResult CreateEmptyActionResult()
    {
        var created = new ActionResult();
        var previous = Interlocked.CompareExchange(ref _actionResult, created, EmptyActionPending);

        // Another reader made it first, or the caller set one meanwhile: that one stands.
        return ReferenceEquals(previous, EmptyActionPending) ? created : previous ?? created;
    }

    private sealed record PendingMessage(MessageTemplate Template, object? Captured);
}
