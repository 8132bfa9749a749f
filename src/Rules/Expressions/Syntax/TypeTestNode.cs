namespace Compliance.Rules.Expressions.Syntax;

/// <summary><c>x is T</c>, <c>x as T</c> or <c>(T)x</c>. Inside <c>new (...)</c>, <c>x as Name</c> names a property instead.</summary>
internal sealed record TypeTestNode(TextSpan Span, TypeTestKind Kind, SyntaxNode Operand, TypeNameNode Type) : SyntaxNode(Span);
