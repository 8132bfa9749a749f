namespace Compliance.Rules.Expressions.Runtime;

internal enum ArithmeticKind
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Modulo,
}
