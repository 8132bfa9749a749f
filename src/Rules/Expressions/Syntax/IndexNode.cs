using System.Collections.Immutable;

namespace Compliance.Rules.Expressions.Syntax;

internal sealed record IndexNode(TextSpan Span, SyntaxNode Target, ImmutableArray<SyntaxNode> Arguments, bool NullConditional = false) : SyntaxNode(Span);
