using System.Collections.Immutable;

namespace Compliance.Rules.Expressions.Syntax;

/// <summary><c>value in (a, b, c)</c>.</summary>
internal sealed record InNode(TextSpan Span, SyntaxNode Value, ImmutableArray<SyntaxNode> Items) : SyntaxNode(Span);
