namespace Compliance.Rules.Expressions.Binding;

/// <summary>Type names usable in expressions without registration (Dynamic LINQ's predefined types, minus reflection).</summary>
internal static class PredefinedTypes
{
    private static readonly Dictionary<string, Type> ByName = Build(StringComparer.Ordinal);
    private static readonly Dictionary<string, Type> ByNameIgnoreCase = Build(StringComparer.OrdinalIgnoreCase);

    public static IEnumerable<Type> All => ByName.Values.Distinct();

    public static bool TryGet(string name, bool caseSensitive, out Type type) =>
        (caseSensitive ? ByName : ByNameIgnoreCase).TryGetValue(name, out type!);

    private static Dictionary<string, Type> Build(StringComparer comparer)
    {
        var map = new Dictionary<string, Type>(comparer);
        void Add(Type t, params string[] aliases)
        {
            map.TryAdd(t.Name, t);
            foreach (var alias in aliases)
            {
                map.TryAdd(alias, t);
            }
        }

        Add(typeof(bool), "bool");
        Add(typeof(char), "char");
        Add(typeof(string), "string");
        Add(typeof(sbyte), "sbyte");
        Add(typeof(byte), "byte");
        Add(typeof(short), "short");
        Add(typeof(ushort), "ushort");
        Add(typeof(int), "int");
        Add(typeof(uint), "uint");
        Add(typeof(long), "long");
        Add(typeof(ulong), "ulong");
        Add(typeof(float), "float");
        Add(typeof(double), "double");
        Add(typeof(decimal), "decimal");
        Add(typeof(object), "object");
        Add(typeof(DateTime));
        Add(typeof(DateTimeOffset));
        Add(typeof(TimeSpan));
        Add(typeof(DateOnly));
        Add(typeof(TimeOnly));
        Add(typeof(Guid));
        Add(typeof(Math));
        Add(typeof(Convert));
        Add(typeof(StringComparison));
        Add(typeof(MidpointRounding));
        Add(typeof(DayOfWeek));
        Add(typeof(DateTimeKind));
        Add(typeof(ExpressionUtils));
        return map;
    }
}
