namespace Compliance.Rules.Expressions.Runtime;

/// <summary>
/// A late-bound member name prepared at bind time. Rules are usually written in PascalCase while JSON is camelCase, so
/// besides the name as written it carries its camelCase and PascalCase spellings: a lookup tries those exact keys
/// (TryGetProperty, no allocation) before falling back to a case-insensitive scan.
/// </summary>
internal sealed class MemberName
{
    public MemberName(string name, bool ignoreCase)
    {
        Name = name;
        IgnoreCase = ignoreCase;
        AsciiUtf8 = System.Text.Ascii.IsValid(name) ? System.Text.Encoding.ASCII.GetBytes(name) : null;
        if (ignoreCase && name.Length > 0)
        {
            var camel = char.ToLowerInvariant(name[0]) + name[1..];
            var pascal = char.ToUpperInvariant(name[0]) + name[1..];
            Camel = camel == name ? null : camel;
            Pascal = pascal == name ? null : pascal;
        }
    }

    public string Name { get; }

    /// <summary>The name in UTF-8 when it is ASCII, for the allocation-free case-insensitive scan of JSON objects.</summary>
    public byte[]? AsciiUtf8 { get; }

    public string? Camel { get; }

    public string? Pascal { get; }

    public bool IgnoreCase { get; }

    public override string ToString() => Name;
}
