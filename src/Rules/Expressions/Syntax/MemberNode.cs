namespace Compliance.Rules.Expressions.Syntax;

/// <summary><c>target.Name</c>; <see cref="NameSpan"/> points at the member name for diagnostics.</summary>
internal sealed record MemberNode(TextSpan Span, SyntaxNode Target, string Name, TextSpan NameSpan) : SyntaxNode(Span);
