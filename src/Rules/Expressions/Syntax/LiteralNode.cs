namespace Compliance.Rules.Expressions.Syntax;

/// <summary>A literal; <see cref="Text"/> is kept so real literals can be re-read exactly as decimal.</summary>
internal sealed record LiteralNode(TextSpan Span, object? Value, string Text) : SyntaxNode(Span);
