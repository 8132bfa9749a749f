using System.Collections.Immutable;

namespace Compliance.Rules.Expressions.Syntax;

/// <summary><c>new (expr as Name, ...)</c>: an anonymous object.</summary>
internal sealed record NewObjectNode(TextSpan Span, ImmutableArray<NewObjectProperty> Properties) : SyntaxNode(Span);
