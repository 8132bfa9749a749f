namespace Compliance.Rules.Expressions.Syntax;

internal enum TypeTestKind
{
    Is,
    As,
    Cast,
}
