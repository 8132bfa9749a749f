using Compliance.Rules.Expressions;
using Compliance.Rules.Tests.Expressions.Support;

namespace Compliance.Rules.Tests.Expressions;

public class CustomTypeTests
{
    private static readonly ExpressionCompilerOptions WithUtils = new() { CustomTypes = [typeof(Utils)] };

    private static readonly Input Tx = Input.Of("input1", Transaction.Sample());

    [Theory]
    [InlineData("Utils.CheckContains(input1.Country, \"india,usa,canada,France\") == true", "Boolean:True")]
    [InlineData("Utils.CheckContains(input1.Country, \"usa\")", "Boolean:False")]
    [InlineData("Utils.CheckContains(null, \"usa\")", "Boolean:False")]
    [InlineData("utils.checkcontains(input1.Country, \"INDIA\")", "Boolean:True")]
    [InlineData("Utils.Twice(21)", "Int32:42")]
    [InlineData("Utils.Twice(input1.Quantity) + 1", "Int32:7")]
    [InlineData("Utils.Fee(input1.Amount, 0.01)", "Decimal:12.50")]
    [InlineData("Utils.Fee(100, 0.015m)", "Decimal:1.50")]
    public void Evaluate_CustomStaticMethod_IsCallable(string expression, string expected) =>
        Eval.Format(Eval.Run(expression, null, WithUtils, Tx)).Should().Be(expected);

    [Fact]
    public void Evaluate_CustomStaticMethod_AcceptsJsonArguments() =>
        Eval.Run("Utils.CheckContains(input1.country, \"india,usa,canada,France\") == true", typeof(bool), WithUtils, Input.Json("input1", "{\"country\":\"usa\"}"))
            .Should().Be(true);

    [Theory]
    [InlineData("utils.IsHigh(input1.Quantity)", "Boolean:False")]
    [InlineData("utils.IsHigh(input1.Quantity * 10)", "Boolean:True")]
    [InlineData("utils.Label(input1.Country, 2)", "String:india-2")]
    [InlineData("utils.Threshold", "Int32:10")]
    public void Evaluate_InstanceMethodOfInputObject_IsCallable(string expression, string expected) =>
        Eval.Format(Eval.Run(expression, Tx, Input.Of("utils", new Scorer()))).Should().Be(expected);

    [Theory]
    [InlineData("Utils.Twice(1) == 2", "1:1: unknown identifier 'Utils'; in scope: input1")]
    public void Bind_UnregisteredCustomType_IsUnknown(string expression, string expected) =>
        Eval.Diagnostics(expression, Tx).Should().Be(expected);

    [Theory]
    [InlineData("Utils.Twice(\"x\")", "1:7: no overload of 'Utils.Twice' takes (String)")]
    [InlineData("Utils.Twice(1, 2)", "1:7: 'Utils.Twice' takes 1 argument(s), not 2")]
    [InlineData("Utils.Missing(1)", "1:7: unknown method 'Missing' on 'Utils'")]
    public void Bind_BadCustomCall_ReportsDiagnostic(string expression, string expected) =>
        Eval.Diagnostics(expression, null, WithUtils, Tx).Should().Be(expected);

    [Theory]
    [InlineData("ExpressionUtils.CheckContains(\"4\", \"1,2,3,4,5\")", true)]
    [InlineData("ExpressionUtils.CheckContains(\"6\", \"1,2,3,4,5\")", false)]
    [InlineData("ExpressionUtils.CheckContains(\"\", \"\")", false)]
    [InlineData("ExpressionUtils.CheckContains(null, \"a\")", false)]
    [InlineData("ExpressionUtils.CheckContains(\"A\", \"a,b\")", false)]
    [InlineData("ExpressionUtils.CheckContains(\"b\", \"a, b\")", false)]
    [InlineData("ExpressionUtils.CheckContains(input1.Country, \"usa,india\")", true)]
    public void Evaluate_BuiltInExpressionUtils_MatchesRulesEngine(string expression, bool expected) =>
        Eval.Run(expression, typeof(bool), null, Tx).Should().Be(expected);

    [Fact]
    public void Bind_TypeNameAsValue_IsMemberOfDynamicItOrDiagnostic()
    {
        var options = new ExpressionCompilerOptions { CustomTypes = [typeof(Customer)] };
        Eval.Run("Customer == \"Ada\" && Utils == null", typeof(bool), options, Input.Json("input1", "{\"Customer\":\"Ada\"}")).Should().Be(true);
        Eval.Diagnostics("Math == 1", typeof(bool), options, Tx).Should().Be("1:1: 'Math' is a type, not a value");
    }
}
