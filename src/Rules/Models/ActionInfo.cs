namespace Compliance.Rules;

/// <summary>One action to run after a rule: its registered name and its context values.</summary>
public class ActionInfo
{
    /// <summary>The action's name (built-ins: <c>OutputExpression</c>, <c>EvaluateRule</c>), matched case-insensitively.</summary>
    public string Name { get; set; } = null!;

    /// <summary>
    /// The action's arguments. Values read from JSON are <see cref="System.Text.Json.JsonElement"/>s;
    /// <see cref="ActionContext.GetContext{T}(string)"/> converts them.
    /// </summary>
    public Dictionary<string, object> Context { get; set; } = null!;
}
