namespace Compliance.Rules.Expressions.Runtime;

/// <summary>Wraps the source of every LINQ operator so each element visited is counted against <see cref="EvaluationBudget"/>.</summary>
internal static class BudgetedSequence
{
    public static IEnumerable<T> Track<T>(IEnumerable<T> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Iterate(source);
    }

    private static IEnumerable<T> Iterate<T>(IEnumerable<T> source)
    {
        foreach (var item in source)
        {
            EvaluationBudget.Spend();
            yield return item;
        }
    }
}
