using System.Diagnostics;
using System.Linq.Expressions;
using Compliance.Rules.Expressions;
using Compliance.Rules.Tests.Expressions.Support;
using Xunit.Abstractions;

namespace Compliance.Rules.Tests.Expressions;

/// <summary>What the generated trees look like: typed paths stay typed, constants are folded, nothing is captured.</summary>
public class LoweringTests(ITestOutputHelper output)
{
    private static readonly Input Tx = Input.Of("input1", Transaction.Sample());

    [Theory]
    [InlineData("input1.Amount > 1000.5")]
    [InlineData("input1.Quantity * 2 >= 6 && input1.Country == \"india\"")]
    [InlineData("input1.Score > 40 || input1.SettledAt < DateTime(2024, 1, 1)")]
    [InlineData("input1.Role == \"Seller\" && input1.Customer.Age in (36, 37)")]
    [InlineData("input1.Items.Any(Price > 200) && input1.Items.Sum(i => i.Quantity) > 2")]
    [InlineData("np(input1.Customer.Address.City) == \"London\"")]
    [InlineData("input1.Amount.ToString().Length > 2")]
    public void Bind_TypedRule_HasNoBoxingAndNoDynamicHelpers(string expression)
    {
        var result = Eval.Bind(expression, typeof(bool), null, Tx);
        result.Success.Should().BeTrue(string.Join(" | ", result.Diagnostics));
        var tree = TreeInspector.Inspect(result.Body!);
        tree.Boxing.Should().BeEmpty();
        tree.HelperCalls.Where(h => !h.StartsWith("BudgetedSequence", StringComparison.Ordinal) && h != "EvaluationBudget.Spend").Should().BeEmpty();
    }

    [Theory]
    [InlineData("input1.Amount > 1000.5", typeof(decimal), 1000.5)]
    [InlineData("input1.Count == 7", typeof(long), 7)]
    [InlineData("input1.Score > 40", typeof(int?), 40)]
    [InlineData("input1.Rate < 1", typeof(double), 1)]
    public void Bind_LiteralComparedWithMember_IsPreConverted(string expression, Type constantType, double value)
    {
        var tree = TreeInspector.Inspect(Eval.Bind(expression, typeof(bool), null, Tx).Body!);
        var constant = tree.Constants.Should().ContainSingle().Subject;
        constant.Type.Should().Be(constantType);
        Convert.ToDouble(constant.Value, System.Globalization.CultureInfo.InvariantCulture).Should().Be(value);
    }

    [Fact]
    public void Bind_DateConstructorWithConstants_IsFoldedToConstant()
    {
        var tree = TreeInspector.Inspect(Eval.Bind("input1.BookedAt > DateTime(2024, 3, 1)", typeof(bool), null, Tx).Body!);
        tree.Constants.Should().ContainSingle().Which.Value.Should().Be(new DateTime(2024, 3, 1));
    }

    [Theory]
    [InlineData("input1.Items.Any(i => i.Price > input2) && input1.Amount > input2")]
    [InlineData("input1.Items.Where(Quantity > 1).Select(i => new (i.Sku as S)).Count() > 0")]
    [InlineData("input1.Country in (\"a\", \"b\") || np(input1.Customer.Name) == \"x\"")]
    public void Bind_Body_ReadsOnlyTheScopeVariables(string expression)
    {
        var input2 = Input.Of("input2", 10m);
        var scope = new[] { Expression.Parameter(Tx.Type, "input1"), Expression.Parameter(input2.Type, "input2") };
        var result = new ExpressionCompiler(new ExpressionCompilerOptions()).Bind(expression, scope, typeof(bool));
        result.Success.Should().BeTrue(string.Join(" | ", result.Diagnostics));
        TreeInspector.Inspect(result.Body!).FreeVariables.Should().BeSubsetOf(scope);
        TreeInspector.Inspect(result.Body!).Constants.Select(c => c.Value).Should().NotContain(v => v is Transaction);
    }

    [Theory]
    [InlineData("input1.Items.Any(i => i.Price > input2) && input1.Items.All(Quantity > 0) && input1.Items.Count(Price > input2) > 0")]
    [InlineData("input1.Tags.Contains(\"eu\") && input1.Tags.Any() && input1.Tags.Count() == 2")]
    [InlineData("json.items.Any(price > input2) && json.items.Count() > 0 && json.tags.Contains(\"x\")")]
    public void Bind_Quantifiers_AreInlineLoopsWithoutDelegates(string expression)
    {
        var scope = new[] { Expression.Parameter(typeof(Transaction), "input1"), Expression.Parameter(typeof(decimal), "input2"), Expression.Parameter(typeof(System.Text.Json.JsonElement), "json") };
        var result = new ExpressionCompiler(new ExpressionCompilerOptions()).Bind(expression, scope, typeof(bool));
        result.Success.Should().BeTrue(string.Join(" | ", result.Diagnostics));
        var tree = TreeInspector.Inspect(result.Body!);
        tree.Lambdas.Should().Be(0);
        tree.Boxing.Should().BeEmpty();
    }

    [Fact]
    public void Bind_JsonMemberChain_StaysUnboxed()
    {
        var result = Eval.Bind("input1.address.city == \"London\" && input1.amount > 10.5", typeof(bool), null, Input.Json("input1", "{}"));
        var tree = TreeInspector.Inspect(result.Body!);
        tree.Boxing.Should().BeEmpty();
        tree.HelperCalls.Should().Equal("DynamicOps.Compare", "DynamicOps.Member", "DynamicOps.Member", "DynamicOps.Compare", "DynamicOps.Member");
    }

    [Fact]
    public void Bind_ThousandTypicalRules_TakesWellUnderASecond()
    {
        var templates = new[]
        {
            "input1.Amount > {0} AND input1.Country == \"c{0}\" AND input1.Quantity <= 3",
            "input1.Items.Any(Price > {0}) || input1.Customer.Age >= {0}",
            "json.country in (\"a\", \"b{0}\") && json.limit * 2 > {0}.5 && json.items.Count(x => x.price > {0}) > 1",
            "np(input1.Customer.Address.City, \"\").StartsWith(\"L\") && Math.Abs(input1.Amount - {0}) < 100",
            "input1.BookedAt > DateTime(2024, 1, 1).AddDays({0}) && input1.Role == \"Seller\" && (input1.Score ?? 0) > {0}",
        };
        var compiler = new ExpressionCompiler(new ExpressionCompilerOptions());
        var scope = new[] { Expression.Parameter(typeof(Transaction), "input1"), Expression.Parameter(typeof(System.Text.Json.JsonElement), "json") };
        foreach (var template in templates)
        {
            // Warm-up: the first bind of each shape pays for JIT, not for binding.
            compiler.Bind(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, 1), scope, typeof(bool)).Success.Should().BeTrue();
        }

        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < 1000; i++)
        {
            var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, templates[i % templates.Length], i);
            var result = compiler.Bind(text, scope, typeof(bool));
            result.Success.Should().BeTrue($"{text}: {string.Join(" | ", result.Diagnostics)}");
        }

        stopwatch.Stop();
        output.WriteLine($"1000 parse+bind: {stopwatch.Elapsed.TotalMilliseconds:F1} ms");
        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Compiler_UsedFromManyThreads_BindsConsistently()
    {
        var compiler = new ExpressionCompiler(new ExpressionCompilerOptions());
        var scope = new[] { Expression.Parameter(typeof(Transaction), "input1") };
        var results = new System.Collections.Concurrent.ConcurrentBag<bool>();
        Parallel.For(0, 200, i =>
        {
            var result = compiler.Bind($"input1.Quantity + {i} > {i} && input1.Items.Any(Price > {i})", scope, typeof(bool));
            // The budget is per thread and per evaluation: pool threads carry whatever the last evaluation left.
            EvaluationBudget.Reset(1_000);
            var value = (bool)Expression.Lambda(result.Body!, scope).Compile().DynamicInvoke(Transaction.Sample())!;
            results.Add(value);
        });
        results.Should().HaveCount(200).And.AllSatisfy(r => r.Should().BeTrue());
    }
}
