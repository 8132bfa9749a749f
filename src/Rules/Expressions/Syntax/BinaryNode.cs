namespace Compliance.Rules.Expressions.Syntax;

/// <summary>A binary operation; <see cref="OperatorSpan"/> and <see cref="OperatorText"/> are what the user wrote (<c>gt</c>, <c>&gt;</c>, ...).</summary>
internal sealed record BinaryNode(TextSpan Span, BinaryOperator Operator, SyntaxNode Left, SyntaxNode Right, TextSpan OperatorSpan, string OperatorText) : SyntaxNode(Span);
