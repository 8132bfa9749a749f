using Compliance.Rules.Expressions;
using Compliance.Rules.Tests.Expressions.Support;

namespace Compliance.Rules.Tests.Expressions;

/// <summary>Binding errors: exact text and 1-based line:column, several per expression where they are independent.</summary>
public class BinderDiagnosticTests
{
    private static readonly Input Tx = Input.Of("input1", Transaction.Sample());

    [Theory]
    [InlineData("input1.Amount > 1 &&\n    input1.Quantiy == 3", "2:12: unknown member 'Quantiy' on 'Transaction'; available: Amount, Currency, Country, Quantity, Count, Rate, BookedAt, SettledAt, Score, Role, OptionalRole, Flagged, Customer, Items, Tags, Attributes, ClrType, Callback")]
    [InlineData("input1.Amount > 1\r\n  && input1.Country > 3", "2:21: operator '>' is not defined for 'String' and 'Int32'")]
    [InlineData("input1.Country.Substring(\"a\")\n|| input1.Flagged", "1:16: no overload of 'String.Substring' takes (String)")]
    [InlineData("input1.Describe()", "1:8: 'Transaction.Describe' takes 1 argument(s), not 0")]
    [InlineData("input1.Describe(1)", "1:8: no overload of 'Transaction.Describe' takes (Int32)")]
    [InlineData("input1.Customer.Age + \"x\" > 1", "1:27: operator '>' is not defined for 'String' and 'Int32'")]
    [InlineData("input1.Tags.Any(it > 1)", "1:20: operator '>' is not defined for 'String' and 'Int32'")]
    [InlineData("-input1.Country == \"x\"", "1:1: operator '-' is not defined for 'String'")]
    [InlineData("!input1.Quantity", "1:1: operator '!' is not defined for 'Int32'")]
    [InlineData("input1.Quantity && true", "1:17: operator '&&' is not defined for 'Int32' and 'Boolean'")]
    [InlineData("input1.Flagged or input1.Country", "1:16: operator '||' is not defined for 'Boolean' and 'String'")]
    [InlineData("(int)input1.Customer == 1", "1:1: cannot convert 'Customer' to 'Int32'")]
    [InlineData("int(input1.BookedAt) == 1", "1:1: cannot convert 'DateTime' to 'Int32'")]
    [InlineData("input1.Amount as decimal == 1", "1:18: 'as' needs a reference or nullable type, not 'Decimal'")]
    [InlineData("input1 is Nope", "1:11: unknown type 'Nope'")]
    [InlineData("frobnicate(1) == 2", "1:1: unknown method 'frobnicate' on 'Transaction'")]
    [InlineData("input1.Amount.Foo", "1:15: unknown member 'Foo' on 'Decimal'; available: Scale")]
    [InlineData("input1.Items[\"x\"].Sku == \"A\"", "1:1: cannot convert 'String' to 'Int32'")]
    [InlineData("input1.Amout > 1 || input1.Curency == \"x\" || inptu1.Flagged", "1:8: unknown member 'Amout' on 'Transaction'; available: Amount, Currency, Country, Quantity, Count, Rate, BookedAt, SettledAt, Score, Role, OptionalRole, Flagged, Customer, Items, Tags, Attributes, ClrType, Callback | 1:28: unknown member 'Curency' on 'Transaction'; available: Amount, Currency, Country, Quantity, Count, Rate, BookedAt, SettledAt, Score, Role, OptionalRole, Flagged, Customer, Items, Tags, Attributes, ClrType, Callback | 1:46: unknown identifier 'inptu1'; did you mean 'input1'?")]
    public void Bind_Mistake_ReportsExactPosition(string expression, string expected) =>
        Eval.Diagnostics(expression, Tx).Should().Be(expected);

    [Fact]
    public void Parse_OnlyChecksSyntax_NotNames() =>
        new ExpressionCompiler(new ExpressionCompilerOptions()).Parse("nobody.knows(this) > 1 && it.Any(x => x.y)").Should().BeEmpty();

    [Fact]
    public void Bind_SyntaxError_StopsBeforeBinding() =>
        Eval.Diagnostics("inptu1.Amount > (1", Tx).Should().Be("1:19: unexpected end of expression, expected ')'");

    [Fact]
    public void Bind_Diagnostic_CarriesOffsetAndLength()
    {
        var diagnostic = Eval.Bind("input1.Amout > 1", typeof(bool), null, Tx).Diagnostics.Single();
        diagnostic.Position.Should().Be(7);
        diagnostic.Length.Should().Be(5);
        diagnostic.Line.Should().Be(1);
        diagnostic.Column.Should().Be(8);
    }

    [Fact]
    public void Bind_Failure_HasNoBody()
    {
        var result = Eval.Bind("input1.Amout > 1", typeof(bool), null, Tx);
        result.Success.Should().BeFalse();
        result.Body.Should().BeNull();
    }
}
