using Compliance.Rules.Tests.Expressions.Support;

namespace Compliance.Rules.Tests.Expressions;

public class JsonElementTests
{
    private const string Customer = """
        {"country":"india","loyaltyFactor":2,"totalPurchasesToDate":6000,"amount":10.75,"price":0.1,"fee":0.2,
         "active":true,"blocked":false,"name":"Ada","nothing":null,"age":"30","joined":"2024-03-15T10:00:00Z","day":"2024-03-15",
         "address":{"city":"London","zip":"N1"},"tags":["vip","eu"],"scores":[3,5,8],
         "items":[{"sku":"A","price":100,"qty":2},{"sku":"B","price":250.25,"qty":1},{"sku":"C","price":50,"qty":4}]}
        """;

    private static readonly Input Json = Input.Json("input1", Customer);

    [Theory]
    [InlineData("input1.country == \"india\" AND input1.loyaltyFactor <= 2 AND input1.totalPurchasesToDate >= 5000", true)]
    [InlineData("input1.country == \"India\"", false)]
    [InlineData("input1.country != \"usa\"", true)]
    [InlineData("input1.Country == \"india\"", true)]
    [InlineData("input1.loyaltyFactor == 2", true)]
    [InlineData("input1.loyaltyFactor == 2.0", true)]
    [InlineData("input1.loyaltyFactor == 2L", true)]
    [InlineData("input1.amount > 10.5", true)]
    [InlineData("input1.amount > 10.5m", true)]
    [InlineData("input1.amount == 10.75m", true)]
    [InlineData("input1.price + input1.fee == 0.3", true)]
    [InlineData("input1.price + input1.fee == 0.3m", true)]
    [InlineData("10 < input1.amount", true)]
    [InlineData("input1.active", true)]
    [InlineData("input1.blocked", false)]
    [InlineData("input1.active && !input1.blocked", true)]
    [InlineData("input1.active == true", true)]
    [InlineData("input1.typo == null", true)]
    [InlineData("input1.typo == \"x\"", false)]
    [InlineData("input1.typo != null", false)]
    [InlineData("input1.nothing == null", true)]
    [InlineData("input1.typo > 1", false)]
    [InlineData("input1.age == \"30\"", true)]
    [InlineData("input1.age == 30", true)]
    [InlineData("input1.loyaltyFactor == \"2\"", true)]
    [InlineData("input1.joined > DateTime(2024, 3, 1)", true)]
    [InlineData("input1.joined < DateTime(2024, 3, 1)", false)]
    [InlineData("input1.day == DateTime(2024, 3, 15)", true)]
    [InlineData("input1.address.city == \"London\"", true)]
    [InlineData("input1.address.typo.deeper == null", true)]
    [InlineData("input1.tags[0] == \"vip\"", true)]
    [InlineData("input1.tags[5] == null", true)]
    [InlineData("input1[\"country\"] == \"india\"", true)]
    [InlineData("input1.items[1].price > 250", true)]
    [InlineData("input1.tags.Count == 2", true)]
    [InlineData("input1.name.Length == 3", true)]
    [InlineData("input1.country in (\"india\", \"usa\")", true)]
    [InlineData("input1.loyaltyFactor in (1, 2, 3)", true)]
    [InlineData("\"eu\" in input1.tags", true)]
    [InlineData("8 in input1.scores", true)]
    [InlineData("input1.country in input1.tags", false)]
    [InlineData("\"x\" in input1.missing", false)]
    [InlineData("input1.name.StartsWith(\"A\")", true)]
    [InlineData("input1.name.ToUpper() == \"ADA\"", true)]
    [InlineData("input1.name.Contains(\"d\")", true)]
    [InlineData("input1.tags.Contains(\"eu\")", true)]
    [InlineData("input1.scores.Contains(5)", true)]
    [InlineData("input1.scores.Contains(6)", false)]
    [InlineData("input1.loyaltyFactor == input1.scores[0] - 1", true)]
    [InlineData("input1.scores[0] < input1.scores[1]", true)]
    [InlineData("input1.address.city == input1.address.city", true)]
    public void Evaluate_JsonElementInput_ComparesSensibly(string expression, bool expected) =>
        Eval.Run(expression, typeof(bool), null, Json).Should().Be(expected);

    [Theory]
    [InlineData("input1.id == input2", true)]
    [InlineData("input2 == input1.id", true)]
    [InlineData("input1.id != input2", false)]
    [InlineData("input1.other == input2", false)]
    [InlineData("input1.id == Guid(\"6f9619ff-8b86-d011-b42d-00cf4fc964ff\")", true)]
    [InlineData("input1.when == DateTimeOffset.Parse(\"2024-03-15T12:00:00+02:00\")", true)]
    [InlineData("input1.when < DateOnly(2024, 3, 16)", true)]
    [InlineData("input1.role == input3", true)]
    [InlineData("input1.roleNumber == input3", true)]
    public void Evaluate_JsonAgainstTypedValue_ComparesByMeaning(string expression, bool expected) =>
        Eval.Run(
            expression,
            typeof(bool),
            null,
            Input.Json("input1", "{\"id\":\"6F9619FF-8B86-D011-B42D-00CF4FC964FF\",\"other\":\"x\",\"when\":\"2024-03-15T10:00:00Z\",\"role\":\"seller\",\"roleNumber\":2}"),
            Input.Of("input2", Guid.Parse("6f9619ff-8b86-d011-b42d-00cf4fc964ff")),
            Input.Of("input3", Role.Seller)).Should().Be(expected);

    [Theory]
    [InlineData("input1.items.Any(price > 200)", true)]
    [InlineData("input1.items.Any(i => i.price > 300)", false)]
    [InlineData("input1.items.All(qty >= 1)", true)]
    [InlineData("input1.items.Count(price >= 100) == 2", true)]
    [InlineData("input1.items.Count() == 3", true)]
    [InlineData("input1.items.Sum(price) == 400.25", true)]
    [InlineData("input1.items.Sum(i => i.price * i.qty) == 650.25", true)]
    [InlineData("input1.items.Max(price) == 250.25", true)]
    [InlineData("input1.items.Min(i => i.qty) == 1", true)]
    [InlineData("input1.items.Average(qty) > 2", true)]
    [InlineData("input1.scores.Sum() == 16", true)]
    [InlineData("input1.scores.Max() == 8", true)]
    [InlineData("input1.items.Where(price < 200).Count() == 2", true)]
    [InlineData("input1.items.First(sku == \"B\").qty == 1", true)]
    [InlineData("input1.items.FirstOrDefault(sku == \"Z\") == null", true)]
    [InlineData("input1.items.OrderBy(price).First().sku == \"C\"", true)]
    [InlineData("input1.items.OrderByDescending(price).First().sku == \"B\"", true)]
    [InlineData("input1.items.Select(sku).Contains(\"C\")", true)]
    [InlineData("input1.tags.Any(it == \"eu\")", true)]
    [InlineData("input1.missing.Any()", false)]
    [InlineData("input1.items.Skip(1).Take(1).First().sku == \"B\"", true)]
    public void Evaluate_JsonArray_SupportsLinq(string expression, bool expected) =>
        Eval.Run(expression, typeof(bool), null, Json).Should().Be(expected);

    [Theory]
    [InlineData("country == \"india\"", true)]
    [InlineData("loyaltyFactor + 1 == 3", true)]
    [InlineData("address.city == \"London\"", true)]
    public void Evaluate_SingleJsonInput_IsImplicitIt(string expression, bool expected) =>
        Eval.Run(expression, typeof(bool), null, Json).Should().Be(expected);

    [Theory]
    [InlineData("input1.price + input1.fee", "Decimal:0.3")]
    [InlineData("input1.amount * 2", "Decimal:21.50")]
    [InlineData("input1.loyaltyFactor / 4", "Decimal:0.5")]
    [InlineData("input1.name + \"!\"", "String:Ada!")]
    [InlineData("\"hi \" + input1.name", "String:hi Ada")]
    [InlineData("input1.typo ?? \"none\"", "String:none")]
    [InlineData("input1.name ?? \"none\"", "String:Ada")]
    [InlineData("input1.amount ?? 0", "Decimal:10.75")]
    [InlineData("input1.typo + 1", "null")]
    [InlineData("Convert.ToInt32(input1.loyaltyFactor)", "Int32:2")]
    [InlineData("Convert.ToDecimal(input1.amount)", "Decimal:10.75")]
    [InlineData("int(input1.age)", "Int32:30")]
    [InlineData("decimal(input1.amount)", "Decimal:10.75")]
    [InlineData("string(input1.loyaltyFactor)", "String:2")]
    [InlineData("(DateTime(2024, 3, 20) - DateTime(input1.joined)).TotalDays", "Double:4.583333333333333")]
    [InlineData("(DateTime(2024, 3, 20) - input1.day).TotalDays", "Double:5")]
    [InlineData("input1.items.Sum(price)", "Decimal:400.25")]
    public void Evaluate_JsonValue_ConvertsToClrType(string expression, string expected) =>
        Eval.Format(Eval.Run(expression, Json)).Should().Be(expected);

    [Theory]
    [InlineData("{\"COUNTRY\":\"x\"}", "input1.country == \"x\"", true)]
    [InlineData("{\"cOuNtRy\":\"x\"}", "input1.Country == \"x\"", true)]
    [InlineData("{\"c\\u006Funtry\":\"x\"}", "input1.COUNTRY == \"x\"", true)]
    [InlineData("{\"straße\":\"x\"}", "input1.STRAßE == \"x\"", true)]
    [InlineData("{\"country\":\"x\"}", "input1.countr == null", true)]
    public void Evaluate_MemberInAnyCase_FoundByScan(string json, string expression, bool expected) =>
        Eval.Run(expression, typeof(bool), null, Input.Json("input1", json)).Should().Be(expected);
}
