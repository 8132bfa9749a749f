using System.Collections.Immutable;

namespace Compliance.Rules.Expressions.Syntax;

/// <summary><c>value in (a, b, c)</c>, or <c>value in sequence</c> when <see cref="IsCollection"/> (one item, the sequence).</summary>
internal sealed record InNode(TextSpan Span, SyntaxNode Value, ImmutableArray<SyntaxNode> Items, bool IsCollection = false) : SyntaxNode(Span);
