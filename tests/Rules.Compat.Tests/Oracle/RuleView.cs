namespace Compliance.Rules.Compat.Tests.Oracle;

/// <summary>
/// What is compared of one rule's result: success, whether and how an exception message is set
/// (an error with its fixed prefix, or the formatted ErrorMessage text), the action's output, and
/// the children in order (the shape of the tree).
/// </summary>
/// <remarks><see cref="RawMessage"/> is not compared (each parser words its errors its own way); it explains a difference.</remarks>
public sealed record RuleView(string Name, bool IsSuccess, string Message, string RawMessage, string Output, IReadOnlyList<RuleView>? Children)
{
    // The prefixes both engines put before an error; the text after them is each parser's own.
    private static readonly string[] ErrorPrefixes =
    [
        "Exception while parsing expression",
        "Error while executing rule",
        "Error while compiling rule",
        "Error while executing scoped params",
    ];

    public static string ClassifyMessage(string? message)
    {
        if (string.IsNullOrEmpty(message))
        {
            return "none";
        }

        foreach (var prefix in ErrorPrefixes)
        {
            if (message.StartsWith(prefix, StringComparison.Ordinal))
            {
                return "error: " + prefix;
            }
        }

        return "message: " + message;
    }

    public static string ClassifyOutput(object? output, Exception? exception) =>
        exception is not null ? "action error «" + exception.Message + "»" : ValueText.Of(output);
}
