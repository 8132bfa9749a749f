using Compliance.Rules.Expressions;
using Compliance.Rules.Tests.Expressions.Support;

namespace Compliance.Rules.Tests.Expressions;

public class LimitTests
{
    private static readonly string LongChain = string.Join("+", Enumerable.Repeat("1", 4000));

    private static object? OnThread(int stackSize, Func<object?> work)
    {
        object? result = null;
        Exception? error = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    result = work();
                }
                catch (Exception ex)
                {
                    error = ex;
                }
            },
            stackSize);
        thread.Start();
        thread.Join();
        return error ?? result;
    }

    [Fact]
    public void Evaluate_LongOperatorChain_Works() =>
        OnThread(4 * 1024 * 1024, () => Eval.Run(LongChain)).Should().Be(4000);

    [Fact]
    public void Bind_LongOperatorChainOnSmallStack_ReportsInsteadOfOverflowing() =>
        OnThread(256 * 1024, () => Eval.AnyDiagnostics(LongChain))
            .Should().Be("1:1: expression is too complex to bind (too many chained operations)");

    [Theory]
    [InlineData(10, "a.b.c", "")]
    [InlineData(3, "f(g(h(1)))", "1:7: expression is nested too deeply (the limit is 3 levels)")]
    [InlineData(3, "x.Any(y.Any(z.Any(true)))", "1:19: expression is nested too deeply (the limit is 3 levels)")]
    [InlineData(3, "new [] {new [] {new [] {1}}}", "1:25: expression is nested too deeply (the limit is 3 levels)")]
    public void Parse_NestedCallsAndArrays_CountTowardsDepth(int limit, string text, string expected) =>
        string.Join(" | ", new ExpressionCompiler(new ExpressionCompilerOptions { MaxNestingDepth = limit }).Parse(text)).Should().Be(expected);

    [Fact]
    public void Bind_TooLong_ReportsLimitWithoutBinding() =>
        Eval.Diagnostics(new string(' ', 50) + "true", typeof(bool), new ExpressionCompilerOptions { MaxExpressionLength = 20 })
            .Should().Be("1:1: expression is too long (54 characters; the limit is 20)");

    [Fact]
    public void Budget_WithoutReset_StartsAtDefault()
    {
        var remaining = OnThread(1024 * 1024, () => EvaluationBudget.Remaining);
        remaining.Should().Be(EvaluationBudget.DefaultLimit);
    }

    [Fact]
    public void Budget_IsPerThread()
    {
        EvaluationBudget.Reset(3);
        OnThread(1024 * 1024, () =>
        {
            EvaluationBudget.Reset(10);
            EvaluationBudget.Spend();
            return EvaluationBudget.Remaining;
        }).Should().Be(9L);
        EvaluationBudget.Remaining.Should().Be(3);
    }

    [Fact]
    public void Budget_Exhausted_ThrowsWithLimit()
    {
        EvaluationBudget.Reset(2);
        EvaluationBudget.Spend();
        EvaluationBudget.Spend();
        var act = EvaluationBudget.Spend;
        act.Should().Throw<RuleLimitExceededException>().Which.LimitName.Should().Be(EvaluationBudget.LimitName);
    }
}
