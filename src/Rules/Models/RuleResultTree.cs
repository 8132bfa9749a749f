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
    // null while a formatted message is pending (_template is then set).
    private string? _exceptionMessage = "";
    private MessageTemplate? _template;
    private object? _captured;
    private ActionResult? _actionResult;
    private bool _emptyActionResult;

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
        get => Volatile.Read(ref _actionResult) ?? (_emptyActionResult ? CreateEmptyActionResult() : null);
        set
        {
            _emptyActionResult = false;
            Volatile.Write(ref _actionResult, value);
        }
    }

    /// <summary>"" on success; on failure the error text or the formatted <see cref="Rule.ErrorMessage"/>.</summary>
    public string ExceptionMessage
    {
        get => Volatile.Read(ref _exceptionMessage) ?? FormatPendingMessage();
        set
        {
            _template = null;
            _captured = null;
            Volatile.Write(ref _exceptionMessage, value);
        }
    }

    /// <summary>Defers formatting the ErrorMessage to the first read. Called before the result is published.</summary>
    internal void SetPendingMessage(MessageTemplate template, object? captured)
    {
        _template = template;
        _captured = captured;
        _exceptionMessage = null;
    }

    /// <summary>Marks the rule as having had no action: <see cref="ActionResult"/> reads as an empty one.</summary>
    internal void SetEmptyActionResult()
    {
        _actionResult = null;
        _emptyActionResult = true;
    }

    private string FormatPendingMessage()
    {
        // Formatting is a pure function of the captured values, so racing readers compute equal text; the first one stored wins.
        if (_template is not { } template)
        {
            return Volatile.Read(ref _exceptionMessage)!;
        }

        var formatted = template.Format(_captured);
        return Interlocked.CompareExchange(ref _exceptionMessage, formatted, null) ?? formatted;
    }

    private ActionResult CreateEmptyActionResult()
    {
        var created = new ActionResult();
        return Interlocked.CompareExchange(ref _actionResult, created, null) ?? created;
    }
}
