namespace Compliance.Rules.Expressions.Syntax;

/// <summary><c>test ? whenTrue : whenFalse</c> or <c>iif(test, whenTrue, whenFalse)</c>.</summary>
internal sealed record ConditionalNode(TextSpan Span, SyntaxNode Test, SyntaxNode WhenTrue, SyntaxNode WhenFalse) : SyntaxNode(Span);
