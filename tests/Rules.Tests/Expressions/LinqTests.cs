using Compliance.Rules.Expressions;
using Compliance.Rules.Tests.Expressions.Support;

namespace Compliance.Rules.Tests.Expressions;

public class LinqTests
{
    private static readonly Input Tx = Input.Of("input1", Transaction.Sample());

    [Theory]
    [InlineData("input1.Items.Any(Price > 200)", "Boolean:True")]
    [InlineData("input1.Items.Any(i => i.Price > 300)", "Boolean:False")]
    [InlineData("input1.Items.Any(it.Price > 200)", "Boolean:True")]
    [InlineData("input1.Items.Any()", "Boolean:True")]
    [InlineData("input1.Items.All(Quantity > 0)", "Boolean:True")]
    [InlineData("input1.Items.All(x => x.Quantity > 1)", "Boolean:False")]
    [InlineData("input1.Items.Count()", "Int32:3")]
    [InlineData("input1.Items.Count(Price >= 100)", "Int32:2")]
    [InlineData("input1.Items.Sum(Price)", "Decimal:400.25")]
    [InlineData("input1.Items.Sum(i => i.Price * i.Quantity)", "Decimal:650.25")]
    [InlineData("input1.Items.Sum(Quantity)", "Int32:7")]
    [InlineData("input1.Items.Average(Quantity)", "Double:2.3333333333333335")]
    [InlineData("input1.Items.Min(Price)", "Decimal:50")]
    [InlineData("input1.Items.Max(i => i.Sku)", "String:C")]
    [InlineData("input1.Items.Where(Price < 200).Count()", "Int32:2")]
    [InlineData("input1.Items.Where(i => i.Price < 200).Select(i => i.Sku).First()", "String:A")]
    [InlineData("input1.Items.Select(Sku).ToList()", "List:[String:A,String:B,String:C]")]
    [InlineData("input1.Items.Select(Quantity).ToArray()", "Int32[]:[Int32:2,Int32:1,Int32:4]")]
    [InlineData("input1.Items.SelectMany(Tags).Distinct().Count()", "Int32:2")]
    [InlineData("input1.Items.SelectMany(i => i.Tags).ToList()", "List:[String:x,String:y,String:y]")]
    [InlineData("input1.Items.First().Sku", "String:A")]
    [InlineData("input1.Items.First(Price > 100).Sku", "String:B")]
    [InlineData("input1.Items.FirstOrDefault(Price > 1000) == null", "Boolean:True")]
    [InlineData("input1.Items.Last().Sku", "String:C")]
    [InlineData("input1.Items.Last(Quantity > 1).Sku", "String:C")]
    [InlineData("input1.Items.Single(Sku == \"B\").Price", "Decimal:250.25")]
    [InlineData("input1.Items.OrderBy(Price).First().Sku", "String:C")]
    [InlineData("input1.Items.OrderByDescending(i => i.Quantity).First().Sku", "String:C")]
    [InlineData("input1.Items.Skip(1).First().Sku", "String:B")]
    [InlineData("input1.Items.Take(2).Sum(Quantity)", "Int32:3")]
    [InlineData("input1.Tags.Contains(\"eu\")", "Boolean:True")]
    [InlineData("input1.Tags.Contains(\"us\")", "Boolean:False")]
    [InlineData("input1.Tags.Any(it == \"vip\")", "Boolean:True")]
    [InlineData("input1.Tags.Count()", "Int32:2")]
    [InlineData("input1.Items.Select(Price).Contains(50)", "Boolean:True")]
    [InlineData("input1.Items.Any(Tags.Contains(\"x\"))", "Boolean:True")]
    [InlineData("input1.Items.Any(i => i.Tags.Any(t => t == \"y\" && i.Quantity == 1))", "Boolean:True")]
    [InlineData("input1.Items.Any(Price > input1.Amount)", "Boolean:False")]
    [InlineData("input1.Items.Where(Quantity > 1).OrderBy(Sku).Select(Sku).ToArray()", "String[]:[String:A,String:C]")]
    [InlineData("new [] {1, 2, 3}.Sum()", "Int32:6")]
    [InlineData("new [] {1, 2, 3}.Max()", "Int32:3")]
    [InlineData("new [] {1, 2, 2, 3}.Distinct().Count()", "Int32:3")]
    [InlineData("new [] {3, 1, 2}.OrderBy(it).First()", "Int32:1")]
    [InlineData("new [] {\"25\"}.Contains(\"25\")", "Boolean:True")]
    [InlineData("new int[] {1, 2, 3, 4, 5}.Where(x => x < 3).Contains(2)", "Boolean:True")]
    [InlineData("new [] {1.5, 2.5}.Average()", "Double:2")]
    [InlineData("new [] {1, 2}.Reverse().First()", "Int32:2")]
    public void Evaluate_LinqOverTypedSequence_ReturnsValue(string expression, string expected) =>
        Eval.Format(Eval.Run(expression, Tx)).Should().Be(expected);

    [Fact]
    public void Evaluate_RootIsSequence_ImplicitItMethods()
    {
        var items = Input.Of("input1", Transaction.Sample().Items);
        Eval.Run("Any(Price > 200) && Count() == 3 && input1.Count == 3", typeof(bool), null, items).Should().Be(true);
    }

    [Theory]
    [InlineData("input1.Items.Any(Price)", "1:18: the condition of 'Any' must be Boolean, not 'Decimal'")]
    [InlineData("input1.Items.Where(i => i.Sku)", "1:25: the condition of 'Where' must be Boolean, not 'String'")]
    [InlineData("input1.Items.Sum(Sku)", "1:14: 'Sum' needs numbers, not 'String'")]
    [InlineData("input1.Items.Take(1, 2)", "1:14: 'Take' does not take 2 argument(s)")]
    [InlineData("input1.Items.Any(i => i.Prize > 1)", "1:25: unknown member 'Prize' on 'LineItem'; available: Sku, Price, Quantity, Tags")]
    [InlineData("input1.Amount.Any()", "1:15: unknown method 'Any' on 'Decimal'")]
    [InlineData("input1.Items.Select(i => i.Price).Any(p => p > \"x\")", "1:46: operator '>' is not defined for 'Decimal' and 'String'")]
    [InlineData("x => x", "1:3: unexpected '=>', expected an operator or the end of the expression")]
    [InlineData("string.Concat(x => x)", "1:15: a lambda is not allowed as an argument of 'Concat'")]
    public void Bind_BadLinq_ReportsDiagnostic(string expression, string expected) =>
        Eval.AnyDiagnostics(expression, Tx).Should().Be(expected);

    [Fact]
    public void Evaluate_SequenceLargerThanBudget_ThrowsRuleLimitExceeded()
    {
        var options = new ExpressionCompilerOptions { MaxCollectionWork = 100 };
        var numbers = Input.Of("numbers", Enumerable.Range(0, 1000).ToList());
        var act = () => Eval.Run("numbers.Count(it > 5) > 0", typeof(bool), options, numbers);
        act.Should().Throw<RuleLimitExceededException>()
            .WithMessage("collection work (elements visited per evaluation) limit of 100 exceeded")
            .Which.Limit.Should().Be(100);
    }

    [Fact]
    public void Evaluate_NestedLoopsOverBudget_ThrowsRuleLimitExceeded()
    {
        var options = new ExpressionCompilerOptions { MaxCollectionWork = 5_000 };
        var numbers = Input.Of("numbers", Enumerable.Range(0, 200).ToArray());
        var act = () => Eval.Run("numbers.Any(a => numbers.Any(b => a + b < 0))", typeof(bool), options, numbers);
        act.Should().Throw<RuleLimitExceededException>();
    }

    [Fact]
    public void Evaluate_WorkWithinBudget_Succeeds()
    {
        var options = new ExpressionCompilerOptions { MaxCollectionWork = 1_000 };
        var numbers = Input.Of("numbers", Enumerable.Range(0, 500).ToList());
        Eval.Run("numbers.Count(it >= 250) == 250", typeof(bool), options, numbers).Should().Be(true);
        EvaluationBudget.Remaining.Should().Be(500);
    }

    [Fact]
    public void Evaluate_JsonArrayOverBudget_ThrowsRuleLimitExceeded()
    {
        var json = Input.Json("input1", "{\"xs\":[" + string.Join(",", Enumerable.Range(0, 50)) + "]}");
        var options = new ExpressionCompilerOptions { MaxCollectionWork = 10 };
        var act = () => Eval.Run("input1.xs.Contains(49)", typeof(bool), options, json);
        act.Should().Throw<RuleLimitExceededException>();
    }

    public static TheoryData<Input, string, bool> QuantifierSources => new()
    {
        { Input.Of("xs", new List<int> { 1, 2, 3 }), "xs.Any(it > 2) && xs.All(it > 0) && xs.Count(it > 1) == 2 && xs.Contains(3) && !xs.Contains(4)", true },
        { Input.Of("xs", new[] { 1, 2, 3 }), "xs.Any(x => x == 2) && xs.Count() == 3 && !xs.All(it == 1)", true },
        { Input.Of("xs", new HashSet<string> { "a", "b" }), "xs.Contains(\"a\") && xs.Count() == 2 && xs.Any(it.StartsWith(\"b\"))", true },
        { Input.Of<IEnumerable<long>>("xs", Enumerable.Range(1, 3).Select(i => (long)i)), "xs.Contains(2) && xs.Count(it >= 2) == 2", true },
        { Input.Of<IReadOnlyList<decimal?>>("xs", [1.5m, null]), "xs.Contains(null) && xs.Any(it > 1) && xs.Count(it == null) == 1", true },
        { Input.Of("xs", new List<int>()), "xs.Any() || xs.Count() > 0 || !xs.All(it > 100)", false },
        { Input.Json("xs", "[1, 2.5, \"3\"]"), "xs.Any(it > 2) && xs.Contains(3) && xs.Count() == 3 && xs.All(it != null)", true },
        { Input.Json("xs", "null"), "xs.Any() || xs.Count() != 0 || xs.Contains(1)", false },
        { Input.Node("xs", "[{\"a\":1},{\"a\":2}]"), "xs.Any(a == 2) && xs.Count(a > 0) == 2", true },
        { new Input("xs", typeof(object), new List<object?> { 1, "x", null }), "xs.Contains(\"x\") && xs.Count() == 3 && xs.Any(it == null)", true },
        { Input.Of("xs", System.Text.Json.JsonDocument.Parse("[{\"a\":1},{\"a\":5}]").RootElement.EnumerateArray().ToList()), "xs.Any(a > 4) && xs.Sum(a) == 6 && xs[1].a == 5 && xs.Count == 2", true },
        { Input.Of("xs", System.Text.Json.JsonDocument.Parse("[\"p\",\"q\"]").RootElement.EnumerateArray().ToArray()), "xs.Contains(\"q\") && xs.First() == \"p\"", true },
        { Input.Of<IList<IDictionary<string, object?>>>("xs", [new Dictionary<string, object?> { ["A"] = 2L }, new System.Dynamic.ExpandoObject()]), "xs.Any(a == 2) && xs.Count(a == null) == 1", true },
        { Input.Of("xs", new List<System.Text.Json.Nodes.JsonNode?> { System.Text.Json.Nodes.JsonNode.Parse("{\"a\":3}"), null }), "xs.Any(a == 3) && xs.Count(it == null) == 1", true },
    };

    [Theory]
    [MemberData(nameof(QuantifierSources))]
    public void Evaluate_Quantifiers_WorkOverEverySourceKind(Input source, string expression, bool expected) =>
        Eval.Run(expression, typeof(bool), null, source).Should().Be(expected);

    [Fact]
    public void Evaluate_QuantifierStopsEarly_SpendsOnlyWhatItVisits()
    {
        var options = new ExpressionCompilerOptions { MaxCollectionWork = 1_000 };
        Eval.Run("numbers.Any(it == 3)", typeof(bool), options, Input.Of("numbers", Enumerable.Range(0, 500).ToList())).Should().Be(true);
        EvaluationBudget.Remaining.Should().Be(996);
    }

    [Theory]
    [InlineData("xs.Sum()", "Int32:6")]
    [InlineData("xs.Sum(it * 2L)", "Int64:12")]
    [InlineData("xs.Sum(it / 2.0)", "Double:3")]
    [InlineData("xs.Where(it > 5).Sum()", "Int32:0")]
    [InlineData("ns.Sum()", "Decimal:3.5")]
    [InlineData("ns.Sum(it * 2)", "Decimal:7.0")]
    [InlineData("ns.Where(it == null).Sum()", "Decimal:0")]
    [InlineData("fs.Sum()", "Single:1.5")]
    public void Evaluate_Sum_MatchesEnumerableSum(string expression, string expected) =>
        Eval.Format(Eval.Run(
            expression,
            Input.Of("xs", new[] { 1, 2, 3 }),
            Input.Of("ns", new List<decimal?> { 1.5m, null, 2m }),
            Input.Of("fs", new List<float> { 0.5f, 1f }))).Should().Be(expected);

    [Fact]
    public void Evaluate_SumOverflow_ThrowsLikeEnumerable()
    {
        var act = () => Eval.Run("xs.Sum()", Input.Of("xs", new[] { int.MaxValue, 1 }));
        act.Should().Throw<OverflowException>();
    }

    [Theory]
    [InlineData("xs.First()", "Int32:1")]
    [InlineData("xs.First(it > 1)", "Int32:2")]
    [InlineData("xs.FirstOrDefault(it > 5)", "Int32:0")]
    [InlineData("ns.FirstOrDefault(it == null) == null", "Boolean:True")]
    [InlineData("ns.FirstOrDefault(it > 1.6)", "Decimal:2")]
    [InlineData("ss.FirstOrDefault(it.StartsWith(\"z\"))", "null")]
    [InlineData("ss.First(s => s.Length > 1)", "String:bb")]
    public void Evaluate_First_MatchesEnumerable(string expression, string expected) =>
        Eval.Format(Eval.Run(
            expression,
            Input.Of("xs", new[] { 1, 2, 3 }),
            Input.Of("ns", new List<decimal?> { 1.5m, null, 2m }),
            Input.Of("ss", new List<string> { "a", "bb" }))).Should().Be(expected);

    [Theory]
    [InlineData("xs.First(it > 5)", "Sequence contains no matching element")]
    [InlineData("xs.Where(it > 5).First()", "Sequence contains no elements")]
    public void Evaluate_FirstOfNothing_ThrowsLikeEnumerable(string expression, string message)
    {
        var act = () => Eval.Run(expression, Input.Of("xs", new[] { 1, 2, 3 }));
        act.Should().Throw<InvalidOperationException>().WithMessage(message);
    }
}
