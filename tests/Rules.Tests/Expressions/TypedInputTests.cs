using Compliance.Rules.Tests.Expressions.Support;

namespace Compliance.Rules.Tests.Expressions;

public class TypedInputTests
{
    private static readonly Input Tx = Input.Of("input1", Transaction.Sample());

    [Theory]
    [InlineData("input1.Amount > 1000", true)]
    [InlineData("input1.Amount > 1000.75", true)]
    [InlineData("input1.Amount == 1250.50", true)]
    [InlineData("input1.Amount == 1250.5m", true)]
    [InlineData("input1.amount >= 1250.5", true)]
    [InlineData("input1.Currency == \"EUR\"", true)]
    [InlineData("input1.Currency == \"eur\"", false)]
    [InlineData("input1.Quantity == 3", true)]
    [InlineData("input1.Quantity == 3L", true)]
    [InlineData("input1.Quantity == 3.0", true)]
    [InlineData("input1.Count > 5", true)]
    [InlineData("input1.Rate == 0.25", true)]
    [InlineData("input1.Rate < 1", true)]
    [InlineData("input1.Flagged", true)]
    [InlineData("!input1.Flagged", false)]
    [InlineData("input1.Score == 42", true)]
    [InlineData("input1.Score > 40", true)]
    [InlineData("input1.Score != null", true)]
    [InlineData("input1.SettledAt == null", true)]
    [InlineData("input1.SettledAt < DateTime(2030, 1, 1)", false)]
    [InlineData("input1.SettledAt > DateTime(2000, 1, 1)", false)]
    [InlineData("!input1.SettledAt.HasValue || input1.SettledAt < DateTime(2030, 1, 1)", true)]
    [InlineData("input1.BookedAt > DateTime(2024, 3, 1)", true)]
    [InlineData("input1.BookedAt.Year == 2024", true)]
    [InlineData("input1.BookedAt > \"2024-03-01\"", true)]
    [InlineData("input1.Quantity == \"3\"", true)]
    [InlineData("input1.Amount > \"1000.5\"", true)]
    [InlineData("input1.Rate == \"0.25\"", true)]
    [InlineData("input1.Count != \"7\"", false)]
    [InlineData("input1.Role == 2", true)]
    [InlineData("input1.Role == \"Seller\"", true)]
    [InlineData("input1.Role == \"seller\"", true)]
    [InlineData("input1.Role != \"Buyer\"", true)]
    [InlineData("input1.Role > 1", true)]
    [InlineData("input1.OptionalRole == null", true)]
    [InlineData("input1.Customer.Name == \"Ada\"", true)]
    [InlineData("input1.Customer.Address.City == \"London\"", true)]
    [InlineData("input1.Customer.Role == 1", true)]
    public void Evaluate_TypedMember_ComparesLikeCSharp(string expression, bool expected) =>
        Eval.Run(expression, typeof(bool), null, Tx).Should().Be(expected);

    [Theory]
    [InlineData("Amount > 1000", true)]
    [InlineData("Country == \"india\" AND Quantity <= 3", true)]
    [InlineData("it.Quantity == 3", true)]
    [InlineData("Customer.Age > 30", true)]
    [InlineData("Items.Count == 3", true)]
    public void Evaluate_SingleTypedInput_IsImplicitIt(string expression, bool expected) =>
        Eval.Run(expression, typeof(bool), null, Tx).Should().Be(expected);

    [Theory]
    [InlineData("input1.Items[0].Sku", "String:A")]
    [InlineData("input1.Tags[1]", "String:eu")]
    [InlineData("input1.Attributes[\"channel\"]", "String:web")]
    [InlineData("input1.Attributes.channel", "String:web")]
    [InlineData("input1.Attributes.Channel", "String:web")]
    [InlineData("input1.Attributes.missing", "null")]
    [InlineData("input1.Attributes.Count", "Int32:1")]
    [InlineData("input1.Attributes.channel == \"web\" && input1.Attributes.missing == null", "Boolean:True")]
    [InlineData("input1.Currency.Length", "Int32:3")]
    [InlineData("input1.Currency[0]", "Char:E")]
    [InlineData("input1.Amount * 2", "Decimal:2501.00")]
    [InlineData("input1.Amount + input1.Quantity", "Decimal:1253.50")]
    [InlineData("input1.Quantity * input1.Rate", "Double:0.75")]
    [InlineData("input1.Score + 1", "Int32:43")]
    [InlineData("input1.Quantity / 2", "Int32:1")]
    [InlineData("input1.Quantity / 2.0", "Double:1.5")]
    [InlineData("input1.Quantity * 2L", "Int64:6")]
    [InlineData("input1.Amount / 4", "Decimal:312.625")]
    [InlineData("input1.Amount * 0.5", "Decimal:625.250")]
    [InlineData("input1.Rate * 2", "Double:0.5")]
    [InlineData("input1.SettledAt ?? input1.BookedAt", "DateTime:2024-03-15 10:00:00")]
    [InlineData("input1.Describe(\"to \")", "String:to india")]
    public void Evaluate_TypedAccess_ReturnsTypedValue(string expression, string expected) =>
        Eval.Format(Eval.Run(expression, Tx)).Should().Be(expected);

    [Theory]
    [InlineData("input1.Amout > 1", "1:8: unknown member 'Amout' on 'Transaction'; available: Amount, Currency, Country, Quantity, Count, Rate, BookedAt, SettledAt, Score, Role, OptionalRole, Flagged, Customer, Items, Tags, Attributes, ClrType, Callback")]
    [InlineData("input1.Customer.Nme == \"x\"", "1:17: unknown member 'Nme' on 'Customer'; available: Name, Age, Address, Role")]
    [InlineData("input1.Currency > 5", "1:17: operator '>' is not defined for 'String' and 'Int32'")]
    [InlineData("input1.Quantity == \"three\"", "1:17: operator '==' is not defined for 'Int32' and 'String'")]
    [InlineData("input1.Quantity == \"3.5\"", "1:17: operator '==' is not defined for 'Int32' and 'String'")]
    [InlineData("input1.Amount > input1.Rate", "1:15: operator '>' is not defined for 'Decimal' and 'Double'")]
    [InlineData("input1.Role == \"Admin\"", "1:16: 'Admin' is not a value of enum 'Role'; values: None, Buyer, Seller")]
    [InlineData("input1.Customer.Age between 1", "1:21: unexpected 'between', expected an operator or the end of the expression")]
    [InlineData("input1.Amount", "1:1: Expression of type 'Boolean' expected")]
    [InlineData("input1.Flagged && input1.Quantity", "1:16: operator '&&' is not defined for 'Boolean' and 'Int32'")]
    [InlineData("inptu1.Amount > 1", "1:1: unknown identifier 'inptu1'; did you mean 'input1'?")]
    [InlineData("input1.Items.Any(Prce > 1)", "1:18: unknown identifier 'Prce'; did you mean 'Price'?")]
    public void Bind_TypedMistake_ReportsDiagnostic(string expression, string expected) =>
        Eval.Diagnostics(expression, Tx).Should().Be(expected);

    [Theory]
    [InlineData("limits.daily > 5", true)]
    [InlineData("limits.Daily == 10", true)]
    [InlineData("limits.weekly > 5", false)]
    [InlineData("limits.weekly == null", true)]
    [InlineData("(limits.weekly ?? 0) + limits.daily == 10", true)]
    public void Evaluate_TypedValueDictionaryKey_ReadsAsNullableMember(string expression, bool expected) =>
        Eval.Run(expression, typeof(bool), null, Input.Of("limits", new Dictionary<string, int> { ["daily"] = 10 })).Should().Be(expected);
}
