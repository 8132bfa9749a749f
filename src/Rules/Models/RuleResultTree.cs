namespace Compliance.Rules;

/// <summary>The result of one rule, with its children's results for nested rules.</summary>
public class RuleResultTree
{
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
    public ActionResult? ActionResult { get; set; }

    /// <summary>"" on success; on failure the error text or the formatted <see cref="Rule.ErrorMessage"/>.</summary>
    public string ExceptionMessage { get; set; } = "";
}
