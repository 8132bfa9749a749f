using Compliance.Rules.Tests.Expressions.Support;

namespace Compliance.Rules.Tests.Expressions;

public class StringMethodTests
{
    private static readonly Input Tx = Input.Of("input1", Transaction.Sample());

    [Theory]
    [InlineData("\"india\".Contains(\"di\")", "Boolean:True")]
    [InlineData("\"india\".StartsWith(\"in\")", "Boolean:True")]
    [InlineData("\"india\".EndsWith(\"ia\")", "Boolean:True")]
    [InlineData("\"India\".ToLower()", "String:india")]
    [InlineData("\"India\".ToUpper()", "String:INDIA")]
    [InlineData("\"  x  \".Trim()", "String:x")]
    [InlineData("\"abcdef\".Substring(2)", "String:cdef")]
    [InlineData("\"abcdef\".Substring(1, 3)", "String:bcd")]
    [InlineData("\"abcdef\".IndexOf(\"cd\")", "Int32:2")]
    [InlineData("\"abcdef\".IndexOf('e')", "Int32:4")]
    [InlineData("\"a-b-c\".Replace(\"-\", \"+\")", "String:a+b+c")]
    [InlineData("\"a,b,c\".Split(',').Length", "Int32:3")]
    [InlineData("\"a,b,c\".Split(\",\")[1]", "String:b")]
    [InlineData("\"abc\".Length", "Int32:3")]
    [InlineData("\"India\".Equals(\"india\", StringComparison.OrdinalIgnoreCase)", "Boolean:True")]
    [InlineData("\"India\".Equals(\"india\")", "Boolean:False")]
    [InlineData("string.IsNullOrEmpty(\"\")", "Boolean:True")]
    [InlineData("String.IsNullOrEmpty(null)", "Boolean:True")]
    [InlineData("string.IsNullOrWhiteSpace(\" \")", "Boolean:True")]
    [InlineData("string.Concat(\"a\", \"b\")", "String:ab")]
    [InlineData("string.Concat(\"a\", \"b\", \"c\", \"d\", \"e\")", "String:abcde")]
    [InlineData("string.Join(\",\", \"a\", \"b\")", "String:a,b")]
    [InlineData("string.Join(\"|\", new [] {\"x\", \"y\"})", "String:x|y")]
    [InlineData("\"x\".PadLeft(3, '0')", "String:00x")]
    [InlineData("\"abc\".ToString()", "String:abc")]
    [InlineData("42.ToString()", "String:42")]
    [InlineData("\"ab\" + 'c'", "String:abc")]
    [InlineData("\"abc\".CompareTo(\"abd\")", "Int32:-1")]
    public void Evaluate_StringMethod_ReturnsValue(string expression, string expected) =>
        Eval.Format(Eval.Run(expression)).Should().Be(expected);

    [Theory]
    [InlineData("input1.Country.Contains(\"nd\")", true)]
    [InlineData("input1.Country.ToUpper() == \"INDIA\"", true)]
    [InlineData("input1.Country.Equals(\"INDIA\", StringComparison.OrdinalIgnoreCase)", true)]
    [InlineData("input1.Tags.Contains(\"vip\")", true)]
    [InlineData("input1.Customer.Name.StartsWith(\"A\") && input1.Customer.Name.Length == 3", true)]
    [InlineData("string.Join(\",\", input1.Tags) == \"vip,eu\"", true)]
    [InlineData("input1.Country.Substring(0, 2) == \"in\"", true)]
    public void Evaluate_StringMethodOnInput_ReturnsValue(string expression, bool expected) =>
        Eval.Run(expression, typeof(bool), null, Tx).Should().Be(expected);

    [Theory]
    [InlineData("\"abc\".Substring(\"x\")", "1:7: no overload of 'String.Substring' takes (String)")]
    [InlineData("\"abc\".Substring(1, 2, 3)", "1:7: 'String.Substring' takes 1 or 2 argument(s), not 3")]
    [InlineData("\"abc\".Frobnicate()", "1:7: unknown method 'Frobnicate' on 'String'")]
    [InlineData("string.Nope(1)", "1:8: unknown method 'Nope' on 'String'")]
    public void Bind_BadStringCall_ReportsDiagnostic(string expression, string expected) =>
        Eval.AnyDiagnostics(expression).Should().Be(expected);
}
