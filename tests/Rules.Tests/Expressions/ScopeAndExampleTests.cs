using System.Linq.Expressions;
using Compliance.Rules.Expressions;
using Compliance.Rules.Tests.Expressions.Support;

namespace Compliance.Rules.Tests.Expressions;

/// <summary>Scope rules (inputs, scoped params, shadowing, implicit it) and the examples of the RulesEngine docs (spec §3.6).</summary>
public class ScopeAndExampleTests
{
    private const string Canada = "{\"country\":\"canada\",\"loyaltyFactor\":3}";

    [Fact]
    public void Evaluate_ThreeJsonInputs_ReadsEach() =>
        Eval.Run(
            "input1.country != \"india\" AND input1.loyaltyFactor >= 2 AND input2.totalOrders > 2 AND input3.noOfVisitsPerMonth > 5",
            typeof(bool),
            null,
            Input.Json("input1", Canada),
            Input.Json("input2", "{\"totalOrders\":5}"),
            Input.Json("input3", "{\"noOfVisitsPerMonth\":10}")).Should().Be(true);

    [Fact]
    public void Evaluate_NullInputWithSingleEquals_ShortCircuits() =>
        Eval.Run("input1 == null || input1.hello.world = \"wow\"", typeof(bool), null, new Input("input1", typeof(object), null)).Should().Be(true);

    [Theory]
    [InlineData(2, true)]
    [InlineData(3, false)]
    public void Evaluate_LocalParamsInScope_FilterList(int count, bool expected)
    {
        var result = Eval.Run(
            "myList.Where(x => x < threshold).Contains(myObj.Count)",
            typeof(bool),
            null,
            Input.Of("myObj", new List<int>(new int[count])),
            Input.Of("threshold", 3),
            Input.Of("myList", new[] { 1, 2, 3, 4, 5 }));
        result.Should().Be(expected);
    }

    [Fact]
    public void Evaluate_ScopedParamResultFeedsNextExpression_ChainsThroughTypes()
    {
        var compiler = new ExpressionCompiler(new ExpressionCompilerOptions());
        var input = Input.Json("input1", "[{\"country\":\"usa\",\"loyaltyFactor\":4},{\"country\":\"India\",\"loyaltyFactor\":2}]");
        var input1 = Expression.Parameter(input.Type, "input1");
        var model = compiler.Bind("input1.FirstOrDefault(country.Equals(\"india\", StringComparison.OrdinalIgnoreCase))", [input1], null);
        model.Success.Should().BeTrue(string.Join(" | ", model.Diagnostics));
        var model1 = Expression.Parameter(model.Body!.Type, "model1");
        var rule = compiler.Bind("model1.loyaltyFactor <= 2", [input1, model1], typeof(bool));
        rule.Success.Should().BeTrue(string.Join(" | ", rule.Diagnostics));

        var modelValue = Expression.Lambda(model.Body, input1).Compile().DynamicInvoke(input.Value);
        Expression.Lambda(rule.Body!, input1, model1).Compile().DynamicInvoke(input.Value, modelValue).Should().Be(true);
    }

    [Fact]
    public void Evaluate_EnumInLambda_ComparesWithInteger()
    {
        var customers = Input.Of("customers", new List<Customer> { new() { Role = Role.Buyer }, new() { Role = Role.Seller } });
        Eval.Run("customers.Any(a => a.Role == 1)", typeof(bool), null, customers).Should().Be(true);
        Eval.Run("customers.All(a => a.Role == \"Seller\")", typeof(bool), null, customers).Should().Be(false);
    }

    [Fact]
    public void Evaluate_ArrayLiteralInsideLambda_Contains() =>
        Eval.Run("line.Tags.Any(l => new [] {\"25\"}.Contains(l))", typeof(bool), null, Input.Of("line", new LineItem { Tags = ["25", "30"] })).Should().Be(true);

    [Fact]
    public void Evaluate_GlobalAndLocalParsedParams_CountThreshold()
    {
        var values = Enumerable.Range(0, 66).Select(i => new Dictionary<string, object?> { ["Value"] = i / 100.0 }).ToList();
        Eval.Run(
            "input1.Count >= ruleCount && input1.Where(x => x.Value >= threshold).Count() >= ruleCount",
            typeof(bool),
            null,
            Input.Of("input1", values),
            Input.Of("threshold", double.Parse("0.25", System.Globalization.CultureInfo.InvariantCulture)),
            Input.Of("ruleCount", 15)).Should().Be(true);
    }

    [Fact]
    public void Evaluate_JsonIndexerChain_ConvertsToInt() =>
        Eval.Run("Convert.ToInt32(input[\"list\"][0][\"item3\"]) == 1", typeof(bool), null, Input.Node("input", "{\"list\":[{\"item3\":1}]}")).Should().Be(true);

    [Fact]
    public void Evaluate_JsonElementMethods_AreCallable() =>
        Eval.Run("input1.Data.GetProperty(\"category\").GetString() == \"abc\"", typeof(bool), null, Input.Json("input1", "{\"Data\":{\"category\":\"abc\"}}")).Should().Be(true);

    [Theory]
    [InlineData(false, "INPUT1 == \"hello\"", "")]
    [InlineData(true, "INPUT1 == \"hello\"", "1:1: unknown identifier 'INPUT1'; did you mean 'input1'?")]
    [InlineData(true, "input1 == \"hello\" AND true", "")]
    [InlineData(true, "input1 == \"hello\" AnD true", "1:19: unexpected 'AnD', expected an operator or the end of the expression")]
    [InlineData(true, "input1.length == 5", "1:8: unknown member 'length' on 'String'; available: Length")]
    [InlineData(false, "input1.length == 5", "")]
    public void Bind_CaseSensitivity_GovernsNamesAndKeywords(bool caseSensitive, string expression, string expected) =>
        Eval.Diagnostics(expression, typeof(bool), new ExpressionCompilerOptions { IsCaseSensitive = caseSensitive }, Input.Of("input1", "hello"))
            .Should().Be(expected);

    [Fact]
    public void Evaluate_LaterVariableShadowsEarlier() =>
        Eval.Run("x == 5", typeof(bool), null, Input.Of("x", "text"), Input.Of("x", 5)).Should().Be(true);

    [Fact]
    public void Bind_TwoInputs_NoImplicitIt() =>
        Eval.Diagnostics("Amount > 1", Input.Of("input1", Transaction.Sample()), Input.Of("input2", 1))
            .Should().Be("1:1: unknown identifier 'Amount'; in scope: input1, input2");

    [Fact]
    public void Bind_SeveralIndependentErrors_ReportsAll() =>
        Eval.Diagnostics("input1.Amout > 1 && input1.Curency == \"x\" && inptu2 > 1", Input.Of("input1", Transaction.Sample()), Input.Of("input2", 1))
            .Should().Be("1:8: unknown member 'Amout' on 'Transaction'; available: Amount, Currency, Country, Quantity, Count, Rate, BookedAt, SettledAt, Score, Role, OptionalRole, Flagged, Customer, Items, Tags, Attributes, ClrType, Callback"
                + " | 1:28: unknown member 'Curency' on 'Transaction'; available: Amount, Currency, Country, Quantity, Count, Rate, BookedAt, SettledAt, Score, Role, OptionalRole, Flagged, Customer, Items, Tags, Attributes, ClrType, Callback"
                + " | 1:46: unknown identifier 'inptu2'; did you mean 'input2'?");

    [Theory]
    [InlineData("1 + 1", "1:1: Expression of type 'Boolean' expected")]
    [InlineData("\"true\"", "1:1: Expression of type 'Boolean' expected")]
    [InlineData("null", "1:1: Expression of type 'Boolean' expected")]
    public void Bind_NonBooleanRule_ReportsExpectedBoolean(string expression, string expected) =>
        Eval.Diagnostics(expression).Should().Be(expected);

    [Theory]
    [InlineData("input1.flag", true)]
    [InlineData("input1.text", true)]
    [InlineData("input1.missing", false)]
    public void Evaluate_DynamicRuleResult_ConvertsToBoolean(string expression, bool expected) =>
        Eval.Run(expression, typeof(bool), null, Input.Json("input1", "{\"flag\":true,\"text\":\"True\"}")).Should().Be(expected);

    [Fact]
    public void Evaluate_NullableBoolRule_NullIsFalse() =>
        Eval.Run("input1", typeof(bool), null, Input.Of<bool?>("input1", null)).Should().Be(false);

    [Fact]
    public void Bind_ResultTypeString_ConvertsDynamic() =>
        Eval.Run("input1.n", typeof(string), null, Input.Json("input1", "{\"n\":12.50}")).Should().Be("12.50");
}
