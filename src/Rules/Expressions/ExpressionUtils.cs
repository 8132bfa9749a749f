namespace Compliance.Rules.Expressions;

/// <summary>RulesEngine's built-in helper type, always in scope as <c>ExpressionUtils</c>.</summary>
internal static class ExpressionUtils
{
    /// <summary>
    /// True when <paramref name="check"/> is one of the comma-separated values, compared exactly as RulesEngine does
    /// (case-sensitive, no trimming); false when either is null or empty.
    /// </summary>
    public static bool CheckContains(string? check, string? valList)
    {
        if (string.IsNullOrEmpty(check) || string.IsNullOrEmpty(valList))
        {
            return false;
        }

        foreach (var range in valList.AsSpan().Split(','))
        {
            if (valList.AsSpan()[range].SequenceEqual(check))
            {
                return true;
            }
        }

        return false;
    }
}
