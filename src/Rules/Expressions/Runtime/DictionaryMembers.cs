namespace Compliance.Rules.Expressions.Runtime;

/// <summary>
/// <c>attributes.channel</c> on a typed string-keyed dictionary (Dictionary&lt;string, string&gt;): the value, or null when the
/// key is missing, like a late-bound member. Typed, so no boxing; tries the written, camelCase and PascalCase keys.
/// </summary>
internal static class DictionaryMembers
{
    public static TValue? Reference<TValue>(IReadOnlyDictionary<string, TValue>? dictionary, MemberName name)
        where TValue : class =>
        TryGet(dictionary, name, out var value) ? value : null;

    public static TValue? Value<TValue>(IReadOnlyDictionary<string, TValue>? dictionary, MemberName name)
        where TValue : struct =>
        TryGet(dictionary, name, out var value) ? value : null;

    private static bool TryGet<TValue>(IReadOnlyDictionary<string, TValue>? dictionary, MemberName name, out TValue value)
    {
        value = default!;
        if (dictionary is null)
        {
            return false;
        }

        if (dictionary.TryGetValue(name.Name, out value!)
            || (name.Camel is not null && dictionary.TryGetValue(name.Camel, out value!))
            || (name.Pascal is not null && dictionary.TryGetValue(name.Pascal, out value!)))
        {
            return true;
        }

        if (name.IgnoreCase)
        {
            foreach (var (key, candidate) in dictionary)
            {
                if (string.Equals(key, name.Name, StringComparison.OrdinalIgnoreCase))
                {
                    value = candidate;
                    return true;
                }
            }
        }

        return false;
    }
}
