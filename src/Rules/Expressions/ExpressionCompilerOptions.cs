namespace Compliance.Rules.Expressions;

/// <summary>What the expression layer needs to know; the workflow layer maps ReSettings onto it.</summary>
internal sealed record ExpressionCompilerOptions
{
    /// <summary>ReSettings.CustomTypes (plus auto-registered input types): their static members are callable by type name.</summary>
    public IReadOnlyList<Type> CustomTypes { get; init; } = [];

    /// <summary>ReSettings.IsExpressionCaseSensitive: identifiers, members and keywords. String values always compare case-sensitively.</summary>
    public bool IsCaseSensitive { get; init; }

    public int MaxExpressionLength { get; init; } = 8192;

    public int MaxNestingDepth { get; init; } = 64;

    /// <summary>Elements visited by LINQ operators per evaluation; see <see cref="EvaluationBudget"/>.</summary>
    public long MaxCollectionWork { get; init; } = 1_000_000;
}
