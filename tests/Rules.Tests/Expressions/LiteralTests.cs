using Compliance.Rules.Tests.Expressions.Support;

namespace Compliance.Rules.Tests.Expressions;

public class LiteralTests
{
    [Theory]
    [InlineData("42", "Int32:42")]
    [InlineData("-42", "Int32:-42")]
    [InlineData("42U", "UInt32:42")]
    [InlineData("42u", "UInt32:42")]
    [InlineData("42L", "Int64:42")]
    [InlineData("42UL", "UInt64:42")]
    [InlineData("42lu", "UInt64:42")]
    [InlineData("3000000000", "UInt32:3000000000")]
    [InlineData("5000000000", "Int64:5000000000")]
    [InlineData("0x1F", "Int32:31")]
    [InlineData("0xFFu", "UInt32:255")]
    [InlineData("10.5", "Double:10.5")]
    [InlineData("10.5F", "Single:10.5")]
    [InlineData("10.5f", "Single:10.5")]
    [InlineData("10.5D", "Double:10.5")]
    [InlineData("10.5M", "Decimal:10.5")]
    [InlineData("10.5m", "Decimal:10.5")]
    [InlineData("10m", "Decimal:10")]
    [InlineData("1e3", "Double:1000")]
    [InlineData("1.5e-2", "Double:0.015")]
    [InlineData(".5", "Double:0.5")]
    [InlineData("true", "Boolean:True")]
    [InlineData("False", "Boolean:False")]
    [InlineData("null", "null")]
    [InlineData("\"hello\"", "String:hello")]
    [InlineData("\"a\\\"b\"", "String:a\"b")]
    [InlineData("\"tab\\there\"", "String:tab\there")]
    [InlineData("\"line\\nbreak\"", "String:line\nbreak")]
    [InlineData("\"back\\\\slash\"", "String:back\\slash")]
    [InlineData("\"\\u0041\\x42\"", "String:AB")]
    [InlineData("\"\"", "String:")]
    [InlineData("'c'", "Char:c")]
    [InlineData("'\\''", "Char:'")]
    [InlineData("'abc'", "String:abc")]
    public void Evaluate_Literal_HasTypeAndValue(string expression, string expected) =>
        Eval.Format(Eval.Run(expression)).Should().Be(expected);
}
