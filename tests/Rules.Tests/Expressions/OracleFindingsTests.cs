using Compliance.Rules.Expressions;
using Compliance.Rules.Tests.Expressions.Support;

namespace Compliance.Rules.Tests.Expressions;

/// <summary>
/// Behaviours the differential suite against RulesEngine 6.0.1 (tests/Rules.Compat.Tests) found this
/// engine missing or getting wrong, pinned here at the expression level.
/// </summary>
public class OracleFindingsTests
{
    private const string Json = """{"country":"India","note":null,"active":true,"price":19.99,"items":[{"sku":"A","qty":10},{"sku":"B","qty":1}]}""";

    private static readonly ExpressionCompilerOptions CaseSensitive = new() { IsCaseSensitive = true };

    [Theory]
    [InlineData("0.5m + 0.25", "Decimal:0.75")]
    [InlineData("0.25 * 4m", "Decimal:1.00")]
    [InlineData("(0.5m - 0.25) != 0", "Boolean:True")]
    public void Evaluate_DecimalLiteralWithRealLiteral_ComputesAsDecimal(string expression, string expected) =>
        Eval.Format(Eval.Run(expression)).Should().Be(expected);

    [Theory]
    [InlineData("input1.Quantity == 3UL", true)]
    [InlineData("input1.Count == 7U", true)]
    [InlineData("input1.Quantity < 4L", true)]
    public void Evaluate_IntegralLiteralOfAnotherType_ComparesByValue(string expression, bool expected) =>
        Eval.Run(expression, typeof(bool), null, Input.Of("input1", new Transaction { Quantity = 3, Count = 7 })).Should().Be(expected);

    [Theory]
    [InlineData("input1.Flagged == \"true\"", true)]
    [InlineData("input1.Flagged == \"False\"", false)]
    [InlineData("input1.Country[0] == \"i\"", true)]
    [InlineData("input1.Country[0] == 'i'", true)]
    public void Evaluate_TextLiteralAgainstBoolOrChar_TakesThatType(string expression, bool expected) =>
        Eval.Run(expression, typeof(bool), null, Input.Of("input1", new Transaction { Flagged = true })).Should().Be(expected);

    [Theory]
    [InlineData("input1.active == \"true\"", true)]
    [InlineData("input1.active != \"false\"", true)]
    [InlineData("input1.country[0] == 'I'", true)]
    [InlineData("input1.country[0] == \"I\"", true)]
    [InlineData("input1.country[9] == null", true)]
    [InlineData("input1.country.Insert(0, \"x\") == \"xIndia\"", true)]
    [InlineData("input1.country.Contains(\"IND\", StringComparison.OrdinalIgnoreCase)", true)]
    [InlineData("Math.Abs(input1.price - 20) < 0.02", true)]
    [InlineData("input1.items.SingleOrDefault(i => i.qty == 10).sku == \"A\"", true)]
    [InlineData("input1.items.LastOrDefault(i => i.qty > 100) == null", true)]
    public void Evaluate_LateBound_JsonAndExpandoAlike(string expression, bool expected)
    {
        Eval.Run(expression, typeof(bool), null, Input.Json("input1", Json)).Should().Be(expected, "JsonElement");
        Eval.Run(expression, typeof(bool), null, Input.Expando("input1", Json)).Should().Be(expected, "ExpandoObject");
    }

    [Theory]
    [InlineData("input1.Country.tolower() == \"india\"")]
    [InlineData("Math.abs(-1) == 1")]
    [InlineData("input1.Quantity In (1, 3)")]
    [InlineData("input1.Quantity IN (1, 3)")]
    public void Evaluate_CaseSensitive_MethodsAndInMatchAnyCasingAsInDynamicLinq(string expression) =>
        Eval.Run(expression, typeof(bool), CaseSensitive, Input.Of("input1", new Transaction { Quantity = 3 })).Should().Be(true);

    [Fact]
    public void Evaluate_CaseSensitive_CountOfJsonArrayNeedsItsCase()
    {
        Eval.Run("input1.items.Count == 2", typeof(bool), CaseSensitive, Input.Json("input1", Json)).Should().Be(true);
        Eval.Run("input1.items.count == null", typeof(bool), CaseSensitive, Input.Json("input1", Json)).Should().Be(true, "a member of that name, which the array lacks");
    }

    [Theory]
    [InlineData("input1.Score.GetValueOrDefault() == 0", true)]
    [InlineData("input1.Score.GetValueOrDefault(5) == 5", true)]
    [InlineData("input1.BookedAt.Kind == DateTimeKind.Utc", true)]
    public void Evaluate_NullableAndDateTimeKindMembers_AreAvailable(string expression, bool expected) =>
        Eval.Run(expression, typeof(bool), null, Input.Of("input1", new Transaction { BookedAt = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc) })).Should().Be(expected);
}
