namespace Compliance.Rules.Expressions.Binding;

internal enum QuantifierKind
{
    Any,
    All,
    Count,
}
