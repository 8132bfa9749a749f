namespace Compliance.Rules.Expressions.Syntax;

internal sealed record UnaryNode(TextSpan Span, UnaryOperator Operator, SyntaxNode Operand) : SyntaxNode(Span);
