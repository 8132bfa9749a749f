using Compliance.Rules.Tests.Expressions.Support;

namespace Compliance.Rules.Tests.Expressions;

public class AnonymousObjectTests
{
    private static readonly Input Tx = Input.Of("input1", Transaction.Sample());

    [Theory]
    [InlineData("new (1 as X, \"a\" as Y).X", "Int32:1")]
    [InlineData("new (1 as X, \"a\" as Y).Y", "String:a")]
    [InlineData("new (input1.Amount as Total).total", "Decimal:1250.50")]
    [InlineData("new (input1.Country, input1.Amount * 2 as Doubled).Country", "String:india")]
    [InlineData("new (input1.Items.Count() as N).N > 2", "Boolean:True")]
    [InlineData("new (input1.Items.Select(Sku) as Skus).Skus.Count()", "Int32:3")]
    [InlineData("new (input1.Customer as C).C.Name", "String:Ada")]
    [InlineData("new (1 as X).Missing == null", "Boolean:True")]
    [InlineData("input1.Items.Select(i => new (i.Sku as S, i.Price as P)).First(P > 200).S", "String:B")]
    public void Evaluate_AnonymousObject_ExposesNamedProperties(string expression, string expected) =>
        Eval.Format(Eval.Run(expression, Tx)).Should().Be(expected);

    [Fact]
    public void Evaluate_AnonymousObject_IsStringKeyedDictionary()
    {
        var result = Eval.Run("new (input1.Country as country, input1.Amount as amount, input1.Flagged as flagged)", Tx);
        result.Should().BeOfType<Dictionary<string, object?>>()
            .Which.Should().Equal(new Dictionary<string, object?> { ["country"] = "india", ["amount"] = 1250.50m, ["flagged"] = true });
    }

    [Fact]
    public void Evaluate_AnonymousObjectFromJson_HoldsPlainValues()
    {
        var result = (Dictionary<string, object?>)Eval.Run("new (input1.a as A, input1.b as B, input1.c as C)", Input.Json("input1", "{\"a\":\"x\",\"b\":1.5}"))!;
        result["A"].Should().Be("x");
        result["B"].Should().Be(1.5m);
        result["C"].Should().BeNull();
    }

    [Theory]
    [InlineData("new { X = 1 }", "1:5: C#-style anonymous objects are not supported; write new (expr as Name, ...)")]
    [InlineData("new (1 as X, 2 as x)", "1:19: duplicate property 'x' in anonymous object")]
    [InlineData("new (1 + 1)", "1:6: a property of an anonymous object needs a name: write expr as Name")]
    [InlineData("new Foo()", "1:8: unexpected '(', expected '[' after the array element type")]
    public void Bind_BadAnonymousObject_ReportsDiagnostic(string expression, string expected) =>
        Eval.AnyDiagnostics(expression, Tx).Should().Be(expected);

    [Theory]
    [InlineData("new [] {1, 2, 3}", "Int32[]:[Int32:1,Int32:2,Int32:3]")]
    [InlineData("new [] {1, 2.5}", "Double[]:[Double:1,Double:2.5]")]
    [InlineData("new [] {1, null}", "Nullable:[Int32:1,null]")]
    [InlineData("new [] {\"a\", null}", "String[]:[String:a,null]")]
    [InlineData("new int[] {1, 2}", "Int32[]:[Int32:1,Int32:2]")]
    [InlineData("new decimal[] {1, 2.5}", "Decimal[]:[Decimal:1,Decimal:2.5]")]
    [InlineData("new string[] {}", "String[]:[]")]
    [InlineData("new [] {input1.Quantity, 5}", "Int32[]:[Int32:3,Int32:5]")]
    [InlineData("new [] {1, \"a\"}", "Object[]:[Int32:1,String:a]")]
    public void Evaluate_ArrayLiteral_InfersElementType(string expression, string expected) =>
        Eval.Format(Eval.Run(expression, Tx)).Should().Be(expected);

    [Theory]
    [InlineData("new int[] {1, \"a\"}", "1:15: cannot convert 'String' to 'Int32'")]
    [InlineData("new Foo[] {1}", "1:5: unknown type 'Foo'")]
    public void Bind_BadArrayLiteral_ReportsDiagnostic(string expression, string expected) =>
        Eval.AnyDiagnostics(expression, Tx).Should().Be(expected);

    [Theory]
    [InlineData("input1.Country is string", "Boolean:True")]
    [InlineData("input1.Quantity is int", "Boolean:True")]
    [InlineData("input1.Customer as Customer == null", "Boolean:False")]
    [InlineData("(input1.Country as string).Length", "Int32:5")]
    [InlineData("input1.Score as int? == 42", "Boolean:True")]
    [InlineData("(long)input1.Quantity", "Int64:3")]
    [InlineData("(double?)input1.Score", "Double:42")]
    [InlineData("(int)input1.Role", "Int32:2")]
    public void Evaluate_TypeTestAndCast_FollowCSharp(string expression, string expected)
    {
        var options = new Compliance.Rules.Expressions.ExpressionCompilerOptions { CustomTypes = [typeof(Customer)] };
        Eval.Format(Eval.Run(expression, null, options, Tx)).Should().Be(expected);
    }

    [Theory]
    [InlineData("input1.n is decimal", "Boolean:True")]
    [InlineData("input1.s is string", "Boolean:True")]
    [InlineData("input1.n is string", "Boolean:False")]
    [InlineData("input1.s as string", "String:x")]
    [InlineData("(int)input1.n", "Int32:2")]
    public void Evaluate_TypeTestOnJson_SeesPlainValues(string expression, string expected) =>
        Eval.Format(Eval.Run(expression, Input.Json("input1", "{\"n\":2.5,\"s\":\"x\"}"))).Should().Be(expected);
}
