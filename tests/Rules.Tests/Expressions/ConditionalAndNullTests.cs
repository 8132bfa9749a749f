using Compliance.Rules.Tests.Expressions.Support;

namespace Compliance.Rules.Tests.Expressions;

public class ConditionalAndNullTests
{
    private static readonly Input Tx = Input.Of("input1", Transaction.Sample());

    private static readonly Input Empty = Input.Of("input1", new Transaction { Customer = new Customer() });

    [Theory]
    [InlineData("input1.Amount > 1000 ? \"high\" : \"low\"", "String:high")]
    [InlineData("iif(input1.Amount > 1000, \"high\", \"low\")", "String:high")]
    [InlineData("IIF(input1.Quantity > 5, 1, 2.5)", "Double:2.5")]
    [InlineData("input1.Flagged ? input1.Amount : 0", "Decimal:1250.50")]
    [InlineData("input1.Flagged ? null : \"x\"", "null")]
    [InlineData("input1.Flagged ? input1.Score : null", "Int32:42")]
    [InlineData("input1.SettledAt ?? DateTime(2000, 1, 1)", "DateTime:2000-01-01 00:00:00")]
    [InlineData("input1.Score ?? 0", "Int32:42")]
    [InlineData("input1.Customer.Address.Zip ?? \"none\"", "String:none")]
    [InlineData("isnull(input1.Customer.Address.Zip, \"none\")", "String:none")]
    [InlineData("np(input1.Customer.Address.City)", "String:London")]
    [InlineData("input1.Tags?[1]", "String:eu")]
    [InlineData("input1.Customer?.Address?.City", "String:London")]
    [InlineData("np(input1.Customer.Address.Zip, \"-\")", "String:-")]
    [InlineData("input1.Country in (\"india\", \"usa\")", "Boolean:True")]
    [InlineData("input1.Country in (\"usa\")", "Boolean:False")]
    [InlineData("input1.Quantity in (1, 2, 3)", "Boolean:True")]
    [InlineData("input1.Quantity in (1L, 2.5)", "Boolean:False")]
    [InlineData("input1.Role in (\"Seller\", \"Buyer\")", "Boolean:True")]
    [InlineData("!(input1.Country in (\"usa\", \"uk\"))", "Boolean:True")]
    [InlineData("not (input1.Country in (\"india\"))", "Boolean:False")]
    [InlineData("input1.Score in (null, 42)", "Boolean:True")]
    [InlineData("input1.Amount.ToString() in (\"1250.50\")", "Boolean:True")]
    [InlineData("input1 == null || input1.Amount > 0", "Boolean:True")]
    [InlineData("input1.Customer != null && input1.Customer.Age > 18", "Boolean:True")]
    [InlineData("input1.Score * 2 > 80", "Boolean:True")]
    [InlineData("null > 1", "Boolean:False")]
    [InlineData("\"eu\" in input1.Tags", "Boolean:True")]
    [InlineData("\"us\" in input1.Tags", "Boolean:False")]
    [InlineData("\"eu\" in (input1.Tags)", "Boolean:True")]
    [InlineData("input1.Quantity in new [] {1, 3}", "Boolean:True")]
    [InlineData("\"B\" in input1.Items.Select(Sku)", "Boolean:True")]
    [InlineData("!(\"vip\" in input1.Tags) || input1.Flagged", "Boolean:True")]
    [InlineData("null == 1", "Boolean:False")]
    public void Evaluate_ConditionalsAndNulls_OnTypedInput(string expression, string expected) =>
        Eval.Format(Eval.Run(expression, Tx)).Should().Be(expected);

    [Theory]
    [InlineData("np(input1.Customer.Address.City)", "null")]
    [InlineData("np(input1.Customer.Address.City, \"?\")", "String:?")]
    [InlineData("np(input1.Customer.Address.City.Length)", "null")]
    [InlineData("np(input1.Customer.Address.City.Length, 0)", "Int32:0")]
    [InlineData("input1.Customer.Address?.City", "null")]
    [InlineData("input1.Customer?.Address?.City ?? \"none\"", "String:none")]
    [InlineData("input1.Customer.Address?.City.Length", "null")]
    [InlineData("input1.Customer.Address?.City?.Length ?? 0", "Int32:0")]
    [InlineData("input1.Customer?.Name.Length", "Int32:0")]
    [InlineData("input1.Customer.Address?.City[0]", "null")]
    [InlineData("input1.Customer.Address?.City.StartsWith(\"L\") == true", "Boolean:False")]
    [InlineData("input1.Score == null", "Boolean:True")]
    [InlineData("input1.Score > 5", "Boolean:False")]
    [InlineData("input1.Score < 5", "Boolean:False")]
    [InlineData("input1.Score + 1", "null")]
    [InlineData("input1.SettledAt < DateTime(2030, 1, 1)", "Boolean:False")]
    [InlineData("input1.Customer.Address == null", "Boolean:True")]
    [InlineData("input1.OptionalRole == null", "Boolean:True")]
    [InlineData("input1.OptionalRole == \"Buyer\"", "Boolean:False")]
    public void Evaluate_NullMembers_BehaveLikeLiftedCSharp(string expression, string expected) =>
        Eval.Format(Eval.Run(expression, Empty)).Should().Be(expected);

    [Fact]
    public void Evaluate_MemberOfNullWithoutNp_ThrowsNullReference()
    {
        var act = () => Eval.Run("input1.Customer.Address.City == \"x\"", typeof(bool), null, Empty);
        act.Should().Throw<NullReferenceException>();
    }

    [Fact]
    public void Evaluate_NullInputShortCircuits_ReturnsTrue() =>
        Eval.Run("input1 == null || input1.Customer.Name == \"x\"", typeof(bool), null, new Input("input1", typeof(Transaction), null)).Should().Be(true);

    [Theory]
    [InlineData("input1.Flagged ? 1 : \"x\"", "1:1: the branches of '?:' have different types 'Int32' and 'String'")]
    [InlineData("input1.Quantity ? 1 : 2", "1:1: the condition of '?:' must be Boolean, not 'Int32'")]
    [InlineData("input1.Quantity ?? 1", "1:17: the left operand of '??' is never null ('Int32')")]
    [InlineData("iif(true, 1)", "1:1: 'iif' takes 3 arguments, not 2")]
    [InlineData("np()", "1:1: 'np' takes 1 or 2 arguments, not 0")]
    [InlineData("input1.Country in (1, 2)", "1:20: operator '==' is not defined for 'String' and 'Int32'")]
    [InlineData("null.Length", "1:6: cannot read member 'Length' of null")]
    [InlineData("input1.Customer - 1", "1:17: operator '-' is not defined for 'Customer' and 'Int32'")]
    [InlineData("1 in input1.Quantity", "1:6: 'in' needs a sequence or a parenthesised list, not 'Int32'")]
    [InlineData("1 in input1.Tags", "1:6: operator '==' is not defined for 'String' and 'Int32'")]
    [InlineData("input1.Country > null", "1:16: operator '>' is not defined for 'String' and 'null'")]
    public void Bind_BadConditional_ReportsDiagnostic(string expression, string expected) =>
        Eval.AnyDiagnostics(expression, Tx).Should().Be(expected);
}
