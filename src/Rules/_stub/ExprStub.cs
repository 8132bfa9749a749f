// TEMPORARY stand-in for the expression layer (branch rules-expr) so the workflow layer builds before it lands.
// Deleted by the merge of rules-expr; never extend it.
using System.Collections.Immutable;
using System.Linq.Expressions;
namespace Compliance.Rules.Expressions;
internal sealed record ExpressionCompilerOptions
{
    public IReadOnlyList<Type> CustomTypes { get; init; } = [];
    public bool IsCaseSensitive { get; init; }
    public int MaxExpressionLength { get; init; } = 8192;
    public int MaxNestingDepth { get; init; } = 64;
    public long MaxCollectionWork { get; init; } = 1_000_000;
}
internal sealed class ExpressionCompiler
{
    public ExpressionCompiler(ExpressionCompilerOptions options) { _ = options; }
    public ExpressionBindResult Bind(string text, IReadOnlyList<ParameterExpression> scope, Type? resultType) => new(null, [new ExpressionDiagnostic(0, 1, 1, 1, text + scope.Count + resultType)]);
    public ImmutableArray<ExpressionDiagnostic> Parse(string text) => [new ExpressionDiagnostic(0, 1, 1, 1, text)];
}
internal sealed record ExpressionBindResult(Expression? Body, ImmutableArray<ExpressionDiagnostic> Diagnostics)
{
    public bool Success => Body is not null && Diagnostics.IsEmpty;
}
public sealed record ExpressionDiagnostic(int Position, int Length, int Line, int Column, string Message)
{
    public override string ToString() => $"{Line}:{Column}: {Message}";
}
internal static class EvaluationBudget { public static void Reset(long limit) { _ = limit; } }
#pragma warning disable CA1032
public sealed class RuleLimitExceededException : Exception { public RuleLimitExceededException(string m) : base(m) { } }
