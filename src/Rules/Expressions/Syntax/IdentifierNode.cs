namespace Compliance.Rules.Expressions.Syntax;

internal sealed record IdentifierNode(TextSpan Span, string Name) : SyntaxNode(Span);
