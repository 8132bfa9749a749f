namespace Compliance.Rules.Expressions.Syntax;

/// <summary>Base of the syntax tree. Every node knows the span of text it came from.</summary>
internal abstract record SyntaxNode(TextSpan Span);
