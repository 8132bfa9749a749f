namespace Compliance.Rules.Expressions.Syntax;

/// <summary><c>target.Name</c> (or <c>target?.Name</c> when <see cref="NullConditional"/>); <see cref="NameSpan"/> points at the name.</summary>
internal sealed record MemberNode(TextSpan Span, SyntaxNode Target, string Name, TextSpan NameSpan, bool NullConditional = false) : SyntaxNode(Span);
