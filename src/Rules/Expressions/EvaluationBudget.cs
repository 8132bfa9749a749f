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

    [ThreadStatic]
    private static long _remaining;

    [ThreadStatic]
    private static long _limit;

    [ThreadStatic]
    private static bool _initialized;

    /// <summary>Work left on this thread.</summary>
    public static long Remaining => _initialized ? _remaining : DefaultLimit;

    public static void Reset(long limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        _remaining = limit;
        _limit = limit;
        _initialized = true;
    }

    public static void Spend()
    {
        if (!_initialized)
        {
            Reset(DefaultLimit);
        }

        if (--_remaining < 0)
        {
            _remaining = 0;
            throw new RuleLimitExceededException(LimitName, _limit);
        }
    }
}
