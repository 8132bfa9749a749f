namespace Compliance.Rules.Expressions.Syntax;

/// <summary><c>x =&gt; body</c>, allowed only as an argument of a sequence method.</summary>
internal sealed record LambdaNode(TextSpan Span, string Parameter, SyntaxNode Body) : SyntaxNode(Span);
