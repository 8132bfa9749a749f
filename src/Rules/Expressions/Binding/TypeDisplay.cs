namespace Compliance.Rules.Expressions.Binding;

/// <summary>Short, readable type names for diagnostics: <c>Int32?</c>, <c>List&lt;Item&gt;</c>, <c>String[]</c>.</summary>
internal static class TypeDisplay
{
    public static string Name(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Name(underlying) + "?";
        }

        if (type.IsArray)
        {
            return Name(type.GetElementType()!) + "[]";
        }

        if (type.IsGenericType)
        {
            var name = type.Name;
            var tick = name.IndexOf('`', StringComparison.Ordinal);
            return (tick < 0 ? name : name[..tick]) + "<" + string.Join(", ", type.GetGenericArguments().Select(Name)) + ">";
        }

        return type.Name;
    }
}
