namespace Compliance.Rules.Compat.Tests.Oracle;

/// <summary>How a case's inputs reach the engines.</summary>
public enum InputKind
{
    /// <summary>Both engines get the Newtonsoft ExpandoObject of the JSON (RulesEngine's documented way).</summary>
    Expando,

    /// <summary>Ours gets the JSON as a JsonElement (how the service reads it); RulesEngine gets the ExpandoObject.</summary>
    Json,

    /// <summary>Both get the same typed CLR objects.</summary>
    Typed,
}
