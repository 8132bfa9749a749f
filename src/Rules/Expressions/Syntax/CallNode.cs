using System.Collections.Immutable;

namespace Compliance.Rules.Expressions.Syntax;

/// <summary><c>target.Name(args)</c>, or <c>Name(args)</c> when <see cref="Target"/> is null (functions, conversions, constructors).</summary>
internal sealed record CallNode(TextSpan Span, SyntaxNode? Target, string Name, TextSpan NameSpan, ImmutableArray<SyntaxNode> Arguments, bool NullConditional = false) : SyntaxNode(Span);
