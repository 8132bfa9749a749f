namespace Compliance.Rules.Expressions.Syntax;

internal enum BinaryOperator
{
    Or,
    And,
    Equal,
    NotEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    Add,
    Subtract,
    Concat,
    Multiply,
    Divide,
    Modulo,
    Coalesce,
}
