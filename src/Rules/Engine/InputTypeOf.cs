namespace Compliance.Rules;

/// <summary>A cached one-element type array per input type, for allocation-free snapshot lookups.</summary>
internal static class InputTypeOf<TInput>
{
    public static readonly Type[] Types = [typeof(TInput)];
}
