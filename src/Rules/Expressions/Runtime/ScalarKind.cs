namespace Compliance.Rules.Expressions.Runtime;

internal enum ScalarKind
{
    Null,
    Number,
    String,
    Bool,
    DateTime,
    TimeSpan,
    Enum,
    Structured,
    Other,
}
