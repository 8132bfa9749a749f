namespace Compliance.Rules.Expressions.Syntax;

/// <summary>A range of the expression text: 0-based start offset and length.</summary>
internal readonly record struct TextSpan(int Start, int Length)
{
    public int End => Start + Length;

    public static TextSpan FromBounds(int start, int end) => new(start, end - start);
}
