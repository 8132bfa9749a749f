namespace Compliance.Rules;

/// <summary>The result of one rule, with its children's results for nested rules.</summary>
/// <remarks>
/// Reading is thread-safe. Three values are produced on first read rather than during execution, because most callers of
/// a large rule set never read them for most rules: the formatted ErrorMessage (from the placeholder values captured when
/// the rule ran, which the engine only defers when they cannot change; see <c>FrozenValues</c>), the empty
/// <see cref="ActionResult"/> of a rule that had no action, and the <see cref="Inputs"/> dictionary of rules that declare
/// no LocalParams. Each is computed once and then returned as the same instance.
/// </remarks>
public class RuleResultTree
{
    // A rule set evaluates into one of these per rule, so it keeps few fields: 48 bytes per result.
    // The message, the children and the action result are one field, because a result seldom has
    // more than one of them: null (message "", no children, no action result), a string message,
    // a PendingMessage (the message, formatted on first read), the children, an ActionResult, or a
    // More holding several. A failed rule whose message waits to be formatted adds its 32-byte
    // PendingMessage; a result with several of the three, a 40-byte More.
    private object? _state;

    // The Inputs dictionary, or the SharedInputs of the execution that makes it on first read.
    private object? _inputs;

    // No action ran: ActionResult reads as an empty one, made on first read (and kept in _state).
    private bool _emptyAction;

    /// <summary>An empty result (Inputs null, ExceptionMessage "").</summary>
    public RuleResultTree()
    {
    }

    /// <summary>The engine's result: <paramref name="inputs"/> is a dictionary or the execution's <see cref="SharedInputs"/>.</summary>
    internal RuleResultTree(Rule rule, bool isSuccess, object inputs, RuleResultTree[]? children, string message, bool noAction)
    {
        Rule = rule;
        IsSuccess = isSuccess;
        _inputs = inputs;
        _state = Compose(message, children, null);
        _emptyAction = noAction;
    }

    /// <summary>The rule that was evaluated (the very object of the workflow).</summary>
    public Rule Rule { get; set; } = null!;

    /// <summary>Whether the rule passed.</summary>
    public bool IsSuccess { get; set; }

    /// <summary>null for leaf rules; the evaluated children of a nested rule.</summary>
    public IEnumerable<RuleResultTree>? ChildResults
    {
        get => ChildrenOf(Volatile.Read(ref _state));
        set
        {
            var state = Volatile.Read(ref _state);
            if (state is More more)
            {
                more.Children = value;
                return;
            }

            Volatile.Write(ref _state, Compose(MessageOf(state), value, ActionOf(state)));
        }
    }

    /// <summary>
    /// Every value in scope for the rule: inputs, GlobalParams, and the LocalParams of the rule and its ancestors.
    /// Rules that declare no LocalParams share one dictionary per execution: treat it as read-only.
    /// </summary>
    public Dictionary<string, object> Inputs
    {
        get => _inputs is null ? null! : SharedInputs.Of(_inputs);
        set => _inputs = value;
    }

    /// <summary>Set after the rule's action ran (or was found absent).</summary>
    public ActionResult? ActionResult
    {
        get => ActionOf(Volatile.Read(ref _state)) ?? (_emptyAction ? CreateEmptyActionResult() : null);
        set
        {
            _emptyAction = false;
            var state = Volatile.Read(ref _state);
            if (state is More more)
            {
                Volatile.Write(ref more.Action, value);
                return;
            }

            Volatile.Write(ref _state, Compose(MessageOf(state), ChildrenOf(state), value));
        }
    }

    /// <summary>"" on success; on failure the error text or the formatted <see cref="Rule.ErrorMessage"/>.</summary>
    public string ExceptionMessage
    {
        get
        {
            var message = MessageOf(Volatile.Read(ref _state));
            return message as string ?? (message is null ? null! : FormatPendingMessage());
        }

        set => SetMessage(value);
    }

    /// <summary>Defers formatting the ErrorMessage to the first read. Called before the result is published.</summary>
    internal void SetPendingMessage(MessageTemplate template, object? captured) => SetMessage(new PendingMessage(template, captured));

    // The message is "" (or null, or a PendingMessage), the children and the action null, unless the state says otherwise.
    private static object? MessageOf(object? state) => state switch
    {
        null or IEnumerable<RuleResultTree> or ActionResult _ => "",
        More more => Volatile.Read(ref more.Message),
        _ => state,
    };

    private static IEnumerable<RuleResultTree>? ChildrenOf(object? state) => state switch
    {
        IEnumerable<RuleResultTree> children => children,
        More more => more.Children,
        _ => null,
    };

    private static ActionResult? ActionOf(object? state) => state switch
    {
        ActionResult action => action,
        More more => Volatile.Read(ref more.Action),
        _ => null,
    };

    /// <summary>The smallest state holding the three: one of them alone where the others are at their defaults.</summary>
    private static object? Compose(object? message, IEnumerable<RuleResultTree>? children, ActionResult? action) => (message, children, action) switch
    {
        ("", null, null) => null,
        (string or PendingMessage, null, null) => message,
        ("", { }, null) => children,
        ("", null, { }) => action,
        _ => new More { Message = message, Children = children, Action = action },
    };

    // The setters change a More in place and replace any other state by the composed one.
    private void SetMessage(object? message)
    {
        var state = Volatile.Read(ref _state);
        if (state is More more)
        {
            Volatile.Write(ref more.Message, message);
            return;
        }

        Volatile.Write(ref _state, Compose(message, ChildrenOf(state), ActionOf(state)));
    }

    private string FormatPendingMessage()
    {
        // Formatting is a pure function of the captured values, so racing readers compute equal text; the first one stored wins.
        var state = Volatile.Read(ref _state);
        if (state is PendingMessage pending)
        {
            var formatted = pending.Template.Format(pending.Captured);
            return ReferenceEquals(Interlocked.CompareExchange(ref _state, formatted, pending), pending) ? formatted : ExceptionMessage;
        }

        if (state is More { Message: PendingMessage inner } more)
        {
            var formatted = inner.Template.Format(inner.Captured);
            return ReferenceEquals(Interlocked.CompareExchange(ref more.Message, formatted, inner), inner) ? formatted : ExceptionMessage;
        }

        // The state changed since it was read (formatted by another reader, or moved into a More): read it again.
        return ExceptionMessage;
    }

    private ActionResult CreateEmptyActionResult()
    {
        var created = new ActionResult();
        while (true)
        {
            var state = Volatile.Read(ref _state);
            if (ActionOf(state) is { } existing)
            {
                // Another reader made it first, or the caller set one meanwhile: that one stands.
                return existing;
            }

            if (state is More more)
            {
                return Interlocked.CompareExchange(ref more.Action, created, null) ?? created;
            }

            if (ReferenceEquals(Interlocked.CompareExchange(ref _state, Compose(MessageOf(state), ChildrenOf(state), created), state), state))
            {
                return created;
            }
        }
    }

    private sealed record PendingMessage(MessageTemplate Template, object? Captured);

    // Fields, not properties: the lazy reads compare-and-swap them.
    private sealed class More
    {
        public object? Message;
        public IEnumerable<RuleResultTree>? Children;
        public ActionResult? Action;
    }
}
