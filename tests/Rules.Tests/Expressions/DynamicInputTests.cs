using System.Dynamic;
using System.Text.Json.Nodes;
using Compliance.Rules.Tests.Expressions.Support;

namespace Compliance.Rules.Tests.Expressions;

/// <summary>The same rules over JsonNode, ExpandoObject and dictionary inputs (JsonElement has its own class).</summary>
public class DynamicInputTests
{
    private const string Customer = """
        {"country":"india","loyaltyFactor":2,"totalPurchasesToDate":6000,"amount":10.75,"price":0.1,"fee":0.2,"active":true,
         "name":"Ada","nothing":null,"joined":"2024-03-15T10:00:00Z","address":{"city":"London"},"tags":["vip","eu"],
         "items":[{"sku":"A","price":100},{"sku":"B","price":250.25}]}
        """;

    public static TheoryData<string, bool> SharedRules => new()
    {
        { "input1.country == \"india\" AND input1.loyaltyFactor <= 2 AND input1.totalPurchasesToDate >= 5000", true },
        { "input1.COUNTRY == \"india\"", true },
        { "input1.loyaltyFactor == 2", true },
        { "input1.amount > 10.5", true },
        { "input1.amount > 10.5m", true },
        { "input1.active", true },
        { "input1.typo == null", true },
        { "input1.nothing == null", true },
        { "input1.typo == \"x\"", false },
        { "input1.address.city == \"London\"", true },
        { "input1.tags.Contains(\"eu\")", true },
        { "input1.tags[0] == \"vip\"", true },
        { "input1.tags.Count == 2", true },
        { "input1.items.Any(price > 200)", true },
        { "input1.items.Any(i => i.sku == \"B\")", true },
        { "input1.items.Sum(price) == 350.25", true },
        { "input1.name.ToLower() == \"ada\"", true },
        { "input1.joined > DateTime(2024, 3, 1)", true },
        { "country == \"india\"", true },
        { "input1.country in (\"usa\", \"india\")", true },
    };

    [Theory]
    [MemberData(nameof(SharedRules))]
    public void Evaluate_JsonNodeInput_MatchesJsonElement(string expression, bool expected) =>
        Eval.Run(expression, typeof(bool), null, Input.Node("input1", Customer)).Should().Be(expected);

    [Theory]
    [MemberData(nameof(SharedRules))]
    public void Evaluate_ExpandoInput_MatchesJsonElement(string expression, bool expected) =>
        Eval.Run(expression, typeof(bool), null, Input.Expando("input1", Customer)).Should().Be(expected);

    [Theory]
    [MemberData(nameof(SharedRules))]
    public void Evaluate_ObjectTypedJsonElement_MatchesJsonElement(string expression, bool expected)
    {
        var json = Input.Json("input1", Customer);
        Eval.Run(expression, typeof(bool), null, new Input("input1", typeof(object), json.Value)).Should().Be(expected);
    }

    [Theory]
    [InlineData("input1.price + input1.fee == 0.3", "Boolean:True")]
    [InlineData("input1.price + input1.fee", "Decimal:0.3")]
    [InlineData("input1.amount * 2", "Decimal:21.50")]
    [InlineData("input1.name + \"!\"", "String:Ada!")]
    public void Evaluate_JsonNodeArithmetic_UsesDecimal(string expression, string expected) =>
        Eval.Format(Eval.Run(expression, Input.Node("input1", Customer))).Should().Be(expected);

    [Theory]
    [InlineData("Formule == \"Essentielle\"", true)]
    [InlineData("Age >= 18 && Tags.Contains(\"b\")", true)]
    [InlineData("Nested.Inner == 5", true)]
    [InlineData("Missing == null", true)]
    [InlineData("Created < DateTime(2025, 1, 1)", true)]
    [InlineData("Amount == 12.5", true)]
    [InlineData("Amount > 12", true)]
    [InlineData("Items.Count() == 2", true)]
    [InlineData("Items.Any(Sku == \"Q\")", true)]
    [InlineData("Poco.Name == \"Ada\"", true)]
    [InlineData("Poco.Age > 30", true)]
    [InlineData("Poco.Nope == null", true)]
    public void Evaluate_DictionaryInput_ImplicitIt(string expression, bool expected)
    {
        var values = new Dictionary<string, object?>
        {
            ["Formule"] = "Essentielle",
            ["Age"] = 30,
            ["Tags"] = new List<string> { "a", "b" },
            ["Nested"] = new Dictionary<string, object?> { ["Inner"] = 5L },
            ["Missing"] = null,
            ["Created"] = new DateTime(2024, 1, 1),
            ["Amount"] = 12.5m,
            ["Items"] = new List<object?> { new Dictionary<string, object?> { ["Sku"] = "Q" }, new Dictionary<string, object?> { ["Sku"] = "R" } },
            ["Poco"] = new Customer { Name = "Ada", Age = 36 },
        };
        Eval.Run(expression, typeof(bool), null, Input.Dictionary("_", values)).Should().Be(expected);
    }

    [Fact]
    public void Evaluate_ExpandoBuiltInCode_ReadsMembers()
    {
        dynamic expando = new ExpandoObject();
        expando.Name = "x";
        expando.Limit = 5L;
        Eval.Run("input1.Name == \"x\" && input1.Limit < 6", typeof(bool), null, new Input("input1", typeof(ExpandoObject), (object)expando)).Should().Be(true);
    }

    [Fact]
    public void Evaluate_JsonObjectStaticType_ReadsMembers() =>
        Eval.Run("input1.a.b == 1", typeof(bool), null, new Input("input1", typeof(JsonObject), JsonNode.Parse("{\"a\":{\"b\":1}}"))).Should().Be(true);

    [Fact]
    public void Evaluate_CaseSensitive_MissesDifferentCase()
    {
        var options = new Compliance.Rules.Expressions.ExpressionCompilerOptions { IsCaseSensitive = true };
        Eval.Run("input1.COUNTRY == null", typeof(bool), options, Input.Node("input1", Customer)).Should().Be(true);
        Eval.Run("input1.country == \"india\"", typeof(bool), options, Input.Node("input1", Customer)).Should().Be(true);
    }

    [Theory]
    [InlineData("input1.name > 5", typeof(InvalidOperationException), "operator '>' cannot compare a string with a number")]
    [InlineData("input1.address > 5", typeof(InvalidOperationException), "operator '>' cannot compare an object with a number")]
    [InlineData("input1.name * 2 > 1", typeof(InvalidCastException), "a string is not a number")]
    [InlineData("input1.address", typeof(InvalidCastException), "an object cannot be used as a condition")]
    [InlineData("input1.name.Any()", typeof(InvalidOperationException), "a string is not a sequence")]
    public void Evaluate_DynamicTypeMismatch_ThrowsWithClearMessage(string expression, Type exceptionType, string message)
    {
        var act = () => Eval.Run(expression, typeof(bool), null, Input.Json("input1", Customer));
        act.Should().Throw<Exception>().Where(e => e.GetType() == exceptionType).WithMessage(message);
    }

    [Theory]
    [InlineData("input1.AmountBase == 250 && input1.amountBase == 250 && input1.AMOUNTBASE == 250", true)]
    [InlineData("input1.KycStatus == \"approved\" && input1.Inner.DeepValue == 1", true)]
    [InlineData("input1[\"AmountBase\"] == 250", true)]
    [InlineData("input1.X == 1 && input1.x == 2", true)]
    public void Evaluate_PascalCaseRuleOverCamelCaseJson_FindsMembers(string expression, bool expected)
    {
        const string Json = "{\"amountBase\":250,\"kycStatus\":\"approved\",\"inner\":{\"deepValue\":1},\"X\":1,\"x\":2}";
        Eval.Run(expression, typeof(bool), null, Input.Json("input1", Json)).Should().Be(expected);
        Eval.Run(expression, typeof(bool), null, Input.Node("input1", Json)).Should().Be(expected);
        Eval.Run(expression, typeof(bool), null, Input.Expando("input1", Json)).Should().Be(expected);
    }
}
