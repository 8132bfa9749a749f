namespace Compliance.Rules.Expressions.Runtime;

internal enum ComparisonKind
{
    Equal,
    NotEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
}
