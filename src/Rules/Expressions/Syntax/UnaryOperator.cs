namespace Compliance.Rules.Expressions.Syntax;

internal enum UnaryOperator
{
    Negate,
    Plus,
    Not,
}
