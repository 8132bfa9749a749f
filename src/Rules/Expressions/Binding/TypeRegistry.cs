namespace Compliance.Rules.Expressions.Binding;

/// <summary>The type names an expression can use: the predefined types plus the registered custom types.</summary>
internal sealed class TypeRegistry
{
    private readonly Dictionary<string, Type> _custom;
    private readonly HashSet<Type> _customSet;
    private readonly bool _caseSensitive;

    public TypeRegistry(IReadOnlyList<Type> customTypes, bool caseSensitive)
    {
        _caseSensitive = caseSensitive;
        _custom = new Dictionary<string, Type>(caseSensitive ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase);
        _customSet = [];
        foreach (var type in customTypes)
        {
            if (TypeSafety.IsAllowedType(type))
            {
                _custom.TryAdd(type.Name, type);
                _customSet.Add(type);
            }
        }
    }

    public bool IsCustom(Type type) => _customSet.Contains(type);

    public bool TryGet(string name, out Type type) =>
        PredefinedTypes.TryGet(name, _caseSensitive, out type) || _custom.TryGetValue(name, out type!);
}
