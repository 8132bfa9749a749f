namespace Compliance.Rules.Expressions.Syntax;

internal sealed record NewObjectProperty(string Name, TextSpan NameSpan, SyntaxNode Value);
