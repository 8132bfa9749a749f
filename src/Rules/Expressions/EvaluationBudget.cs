namespace Compliance.Rules.Expressions;

/// <summary>
/// Per-thread budget of collection work (elements visited by LINQ operators) for one evaluation. The workflow layer calls
/// <see cref="Reset"/> before evaluating on a thread; generated code calls <see cref="Spend"/> once per element.
/// A thread that never called <see cref="Reset"/> starts with <see cref="DefaultLimit"/>.
/// </summary>
internal static class EvaluationBudget
{
    public const long DefaultLimit = 1_000_000;

    public const string LimitName = "collection work (elements visited per evaluation)";

    // Both stored as their difference from DefaultLimit, so a thread that never called Reset reads DefaultLimit
    // from the zero a new thread starts with: Spend, run once per element, needs no "initialized" check.
    [ThreadStatic]
    private static long _remainingOverDefault;

    [ThreadStatic]
    private static long _limitOverDefault;

    /// <summary>Work left on this thread.</summary>
    public static long Remaining => DefaultLimit + _remainingOverDefault;

    public static void Reset(long limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        _remainingOverDefault = limit - DefaultLimit;
        _limitOverDefault = limit - DefaultLimit;
    }

    public static void Spend()
    {
        if (--_remainingOverDefault < -DefaultLimit)
        {
            Exhausted();
        }
    }

    private static void Exhausted()
    {
        _remainingOverDefault = -DefaultLimit;
        throw new RuleLimitExceededException(LimitName, DefaultLimit + _limitOverDefault);
    }
}
