using Compliance.Rules.Expressions;

namespace Compliance.Rules.Tests.Expressions;

public class ParserDiagnosticTests
{
    private static string Parse(string text, ExpressionCompilerOptions? options = null) =>
        string.Join(" | ", new ExpressionCompiler(options ?? new ExpressionCompilerOptions()).Parse(text));

    [Theory]
    [InlineData("input1.country == ", "1:19: unexpected end of expression, expected an expression")]
    [InlineData("(input1.a == 1))", "1:16: unexpected ')', expected an operator or the end of the expression")]
    [InlineData("input1.country == (\"india\" ||)", "1:30: unexpected ')', expected an expression")]
    [InlineData("(1 + 2", "1:7: unexpected end of expression, expected ')'")]
    [InlineData("input1.", "1:8: unexpected end of expression, expected a member name after '.'")]
    [InlineData("input1.42", "1:7: unexpected '.42', expected an operator or the end of the expression")]
    [InlineData("f(1,)", "1:5: unexpected ')', expected an expression")]
    [InlineData("f(1 2)", "1:5: unexpected '2', expected ',' or ')'")]
    [InlineData("a[1", "1:4: unexpected end of expression, expected ',' or ']'")]
    [InlineData("true ? 1", "1:9: unexpected end of expression, expected ':' of the conditional operator")]
    [InlineData("x in 1, 2", "1:7: unexpected ',', expected an operator or the end of the expression")]
    [InlineData("x in", "1:5: unexpected end of expression, expected an expression")]
    [InlineData("\"abc", "1:1: unterminated string literal")]
    [InlineData("a == \"abc", "1:6: unterminated string literal")]
    [InlineData("'a", "1:1: unterminated character literal")]
    [InlineData("\"a\\qb\"", "1:3: invalid escape sequence '\\q'")]
    [InlineData("a # b", "1:3: unexpected character '#'")]
    [InlineData("a $ b ^ c", "1:3: unexpected character '$' | 1:7: unexpected character '^'")]
    [InlineData("a ==\n  )", "2:3: unexpected ')', expected an expression")]
    [InlineData("a &&\r\n\tb ==", "2:6: unexpected end of expression, expected an expression")]
    [InlineData("99999999999999999999999", "1:1: invalid integer literal '99999999999999999999999'")]
    [InlineData("1e999", "1:1: invalid real literal '1e999'")]
    [InlineData("0x", "1:1: invalid integer literal '0x'")]
    [InlineData("new { X = 1 }", "1:5: C#-style anonymous objects are not supported; write new (expr as Name, ...)")]
    [InlineData("new (1 + 2)", "1:6: a property of an anonymous object needs a name: write expr as Name")]
    [InlineData("new int[] 1", "1:11: unexpected '1', expected '{' to start the array items")]
    [InlineData("x is", "1:5: unexpected end of expression, expected a type name")]
    [InlineData("", "1:1: expression is empty")]
    [InlineData("   ", "1:1: expression is empty")]
    [InlineData(")", "1:1: unexpected ')', expected an expression")]
    [InlineData("a => a", "1:3: unexpected '=>', expected an operator or the end of the expression")]
    [InlineData("1 +* 2", "1:4: unexpected '*', expected an expression")]
    [InlineData("a.Any(x => )", "1:12: unexpected ')', expected an expression")]
    public void Parse_Malformed_ReportsExactPosition(string text, string expected) => Parse(text).Should().Be(expected);

    [Theory]
    [InlineData("input1.country == \"india\" AND input1.loyaltyFactor <= 2")]
    [InlineData("a.b.c(1, \"x\", 'c').d[0][\"k\"]")]
    [InlineData("items.Any(i => i.price > 100) && items.All(qty > 0)")]
    [InlineData("new (a as A, b.c as C, d)")]
    [InlineData("new [] {1, 2, 3}.Contains(x)")]
    [InlineData("new int[] {}")]
    [InlineData("x in (1, 2, 3) and not (y in (\"a\"))")]
    [InlineData("iif(a, b, c) ?? np(d.e, 0)")]
    [InlineData("(int)x + (decimal?)y")]
    [InlineData("x is string || x as string == null")]
    [InlineData("@new.@in == 1")]
    [InlineData("-x.y * +z mod 3 % 2")]
    [InlineData("a ? b ? c : d : e")]
    public void Parse_WellFormed_HasNoDiagnostics(string text) => Parse(text).Should().BeEmpty();

    [Fact]
    public void Parse_TooLong_ReportsLimit() =>
        Parse(new string('a', 101), new ExpressionCompilerOptions { MaxExpressionLength = 100 })
            .Should().Be("1:1: expression is too long (101 characters; the limit is 100)");

    [Theory]
    [InlineData(10, "((((((((((((1))))))))))))", "1:11: expression is nested too deeply (the limit is 10 levels)")]
    [InlineData(5, "!!!!!!!!true", "1:6: expression is nested too deeply (the limit is 5 levels)")]
    [InlineData(4, "a ?? b ?? c ?? d ?? e ?? f", "1:21: expression is nested too deeply (the limit is 4 levels)")]
    [InlineData(64, "((((((((((1))))))))))", "")]
    public void Parse_DeepNesting_ReportsLimit(int limit, string text, string expected) =>
        Parse(text, new ExpressionCompilerOptions { MaxNestingDepth = limit }).Should().Be(expected);

    [Fact]
    public void Parse_DeepNestingAtDefaultLimit_DoesNotOverflowStack() =>
        Parse(new string('(', 10_000) + "1" + new string(')', 10_000), new ExpressionCompilerOptions { MaxExpressionLength = 100_000 })
            .Should().Be("1:65: expression is nested too deeply (the limit is 64 levels)");

    [Fact]
    public void Diagnostic_ToString_IsLineColonColumnColonMessage()
    {
        var diagnostic = new ExpressionCompiler(new ExpressionCompilerOptions()).Parse("1 +").Single();
        diagnostic.Should().Be(new ExpressionDiagnostic(3, 0, 1, 4, "unexpected end of expression, expected an expression"));
        diagnostic.ToString().Should().Be("1:4: unexpected end of expression, expected an expression");
    }
}
