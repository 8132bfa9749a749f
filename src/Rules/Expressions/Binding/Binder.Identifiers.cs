using System.Linq.Expressions;
using Compliance.Rules.Expressions.Syntax;

namespace Compliance.Rules.Expressions.Binding;

internal sealed partial class Binder
{
    private Expression? BindIdentifier(IdentifierNode node)
    {
        var target = BindTarget(node);
        if (target.Value is not null || target.Failed)
        {
            return target.Value;
        }

        // Used as a value, a name that is also a type (a registered input type, say) can only mean a member of a dynamic it.
        if (_it is not null && IsDynamic(_it.Type))
        {
            return BindMemberOn(_it, node.Name, node.Span);
        }

        return Error(node.Span, $"'{node.Name}' is a type, not a value");
    }

    /// <summary>
    /// Resolves an identifier to a value or, where a member or call follows, to a type for static access.
    /// Order: <c>it</c>, variables (innermost first), members of a typed <c>it</c>, type names, members of a dynamic <c>it</c>.
    /// </summary>
    private BoundTarget BindTarget(IdentifierNode node)
    {
        var name = node.Name;
        if (_it is not null && Keywords.Matches(name, "it", _options.IsCaseSensitive))
        {
            return new BoundTarget(_it, null);
        }

        if (FindVariable(name) is { } variable)
        {
            return new BoundTarget(variable, null);
        }

        if (_it is not null && !IsDynamic(_it.Type) && FindMember(_it.Type, name) is not null)
        {
            return new BoundTarget(BindMemberOn(_it, name, node.Span), null);
        }

        if (_types.TryGet(name, out var type))
        {
            return new BoundTarget(null, type);
        }

        if (_it is not null && IsDynamic(_it.Type))
        {
            return new BoundTarget(BindMemberOn(_it, name, node.Span), null);
        }

        if (TypeSafety.IsDeniedName(name))
        {
            Error(node.Span, $"'{name}' is not accessible in expressions");
            return BoundTarget.Failure;
        }

        Error(node.Span, UnknownIdentifierMessage(name));
        return BoundTarget.Failure;
    }

    private string UnknownIdentifierMessage(string name)
    {
        var candidates = _variables.Select(v => v.Name!).Where(n => n is not null).Distinct().ToList();
        if (_it is not null && !IsDynamic(_it.Type))
        {
            candidates.AddRange(MemberNames(_it.Type));
        }

        var close = candidates
            .Select(c => (Name: c, Distance: Suggestions.Distance(name, c)))
            .Where(c => c.Distance <= Math.Max(1, name.Length / 3))
            .OrderBy(c => c.Distance)
            .Select(c => c.Name)
            .FirstOrDefault();
        if (close is not null)
        {
            return $"unknown identifier '{name}'; did you mean '{close}'?";
        }

        return _variables.Count == 0
            ? $"unknown identifier '{name}'"
            : $"unknown identifier '{name}'; in scope: {string.Join(", ", _variables.Select(v => v.Name).Distinct())}";
    }
}
