namespace Compliance.Rules;

/// <summary>A named expression evaluated before a rule (LocalParams) or once per execution (GlobalParams).</summary>
public class ScopedParam
{
    /// <summary>The identifier under which the value is visible to later params, rules and actions.</summary>
    public string Name { get; set; } = null!;

    /// <summary>The expression; it may return any type.</summary>
    public string Expression { get; set; } = null!;
}
