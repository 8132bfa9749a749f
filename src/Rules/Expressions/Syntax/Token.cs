namespace Compliance.Rules.Expressions.Syntax;

/// <summary>One token; <see cref="Value"/> holds the parsed value of a literal.</summary>
internal readonly record struct Token(TokenKind Kind, TextSpan Span, string Text, object? Value = null)
{
    public string Describe() => Kind switch
    {
        TokenKind.End => "end of expression",
        TokenKind.String => $"string {Text}",
        _ => $"'{Text}'",
    };
}
