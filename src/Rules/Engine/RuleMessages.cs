namespace Compliance.Rules;

/// <summary>RulesEngine's error texts (§2.5). Tests compare them byte for byte, including the space before the colon.</summary>
internal static class RuleMessages
{
    public const string NullExpression = "Value cannot be null. (Parameter 'expression')";

    public static string Parse(string? expression, string message) => $"Exception while parsing expression `{expression}` - {message}";

    public static string Compile(string ruleName, string message) => $"Error while compiling rule `{ruleName}`: {message}";

    public static string ScopedCompile(string ruleName, string message, string paramName) =>
        $"Error while compiling rule `{ruleName}`: {message}, in ScopedParam: {paramName}";

    public static string Runtime(string ruleName, Exception exception) => $"Error while executing rule : {ruleName} - {exception.Message}";

    public static string GlobalRuntime(string ruleName, Exception exception) => ScopedRuntime(ruleName, exception.Message);

    public static string ScopedRuntime(string ruleName, string message) => $"Error while executing scoped params for rule `{ruleName}` - {message}";

    public static string GlobalCollision(string name) =>
        $"GlobalParam name '{name}' collides with an input RuleParameter of the same name. Rename either the global or the input to disambiguate.";

    // RulesEngine reports a failing LocalParam with the whole exception text, stack trace included.
    public static string LocalRuntime(string ruleName, Exception exception) =>
        $"Error while executing scoped params for rule `{ruleName}` - {exception}";
}
