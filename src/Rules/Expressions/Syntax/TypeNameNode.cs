namespace Compliance.Rules.Expressions.Syntax;

/// <summary>A type written in <c>is</c>, <c>as</c>, casts and <c>new T[]</c>; <see cref="Nullable"/> for <c>T?</c>.</summary>
internal sealed record TypeNameNode(TextSpan Span, string Name, bool Nullable) : SyntaxNode(Span);
