using System.Collections.Immutable;

namespace Compliance.Rules.Expressions.Syntax;

/// <summary><c>new [] { ... }</c> or <c>new T[] { ... }</c>.</summary>
internal sealed record NewArrayNode(TextSpan Span, TypeNameNode? ElementType, ImmutableArray<SyntaxNode> Items) : SyntaxNode(Span);
