namespace Compliance.Rules;

/// <summary>"input1".."inputN" arrays, cached so that looking up a compiled snapshot by position allocates nothing.</summary>
internal static class PositionalNames
{
    private static readonly string[][] Cache = [.. Enumerable.Range(0, 17).Select(Build)];

    public static string[] For(int count) => count < Cache.Length ? Cache[count] : Build(count);

    private static string[] Build(int count) => [.. Enumerable.Range(1, count).Select(i => $"input{i}")];
}
