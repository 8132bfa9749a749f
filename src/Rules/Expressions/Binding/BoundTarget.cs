using System.Linq.Expressions;

namespace Compliance.Rules.Expressions.Binding;

/// <summary>What the left of a '.' is: a value, a type (static access), or nothing because binding failed.</summary>
internal readonly record struct BoundTarget(Expression? Value, Type? StaticType)
{
    public static BoundTarget Failure => default;

    public bool Failed => Value is null && StaticType is null;
}
