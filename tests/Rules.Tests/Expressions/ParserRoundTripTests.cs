using Compliance.Rules.Expressions.Syntax;

namespace Compliance.Rules.Tests.Expressions;

/// <summary>How expressions group, shown by printing the tree fully parenthesised, and print-parse round trips.</summary>
public class ParserRoundTripTests
{
    private static SyntaxNode Parse(string text, bool caseSensitive = false)
    {
        var diagnostics = new DiagnosticBag(text);
        var tokens = new Tokenizer(text, diagnostics).Tokenize();
        var node = new Parser(tokens, diagnostics, caseSensitive, 64).ParseRoot();
        diagnostics.HasErrors.Should().BeFalse(string.Join(" | ", diagnostics.ToImmutable()));
        return node!;
    }

    [Theory]
    [InlineData("1 + 2 * 3", "(1 + (2 * 3))")]
    [InlineData("1 * 2 + 3", "((1 * 2) + 3)")]
    [InlineData("a - b - c", "((a - b) - c)")]
    [InlineData("a / b % c mod d", "(((a / b) % c) % d)")]
    [InlineData("a & b + c", "((a & b) + c)")]
    [InlineData("a || b && c", "(a || (b && c))")]
    [InlineData("a or b and c", "(a || (b && c))")]
    [InlineData("a OrElse b AndAlso c", "(a || (b && c))")]
    [InlineData("a == b && c != d", "((a == b) && (c != d))")]
    [InlineData("a eq b or c ne d", "((a == b) || (c != d))")]
    [InlineData("a = b <> c", "((a == b) != c)")]
    [InlineData("a < b == c >= d", "(((a < b) == c) >= d)")]
    [InlineData("a lt b and c LessThanEqual d", "((a < b) && (c <= d))")]
    [InlineData("a gt b || c GreaterThanEqual d", "((a > b) || (c >= d))")]
    [InlineData("a neq b && c notequal d && e equal f", "(((a != b) && (c != d)) && (e == f))")]
    [InlineData("!a && b", "((!a) && b)")]
    [InlineData("not a or b", "((!a) || b)")]
    [InlineData("-a * b", "((-a) * b)")]
    [InlineData("-1 * b", "(-1 * b)")]
    [InlineData("!!a", "(!(!a))")]
    [InlineData("a ?? b ?? c", "(a ?? (b ?? c))")]
    [InlineData("a || b ?? c", "((a || b) ?? c)")]
    [InlineData("a ? b : c ? d : e", "(a ? b : (c ? d : e))")]
    [InlineData("a ? b ? c : d : e", "(a ? (b ? c : d) : e)")]
    [InlineData("a ?? b ? c : d", "((a ?? b) ? c : d)")]
    [InlineData("iif(a, b, c)", "(a ? b : c)")]
    [InlineData("IIF(a > 1, b, c)", "((a > 1) ? b : c)")]
    [InlineData("x in (1, 2) && y", "((x in (1, 2)) && y)")]
    [InlineData("x + 1 in (1, 2)", "((x + 1) in (1, 2))")]
    [InlineData("x in list", "(x in list)")]
    [InlineData("x in a.b || y", "((x in a.b) || y)")]
    [InlineData("!(x in (1))", "(!(x in (1)))")]
    [InlineData("a.b.c(1)[2].d", "a.b.c(1)[2].d")]
    [InlineData("a.b?.c(1).d[0]", "a.b?.c(1)?.d?[0]")]
    [InlineData("a?[0].b", "a?[0]?.b")]
    [InlineData("a ?.5 : 1", "(a ? .5 : 1)")]
    [InlineData("a?.b ?? c", "(a?.b ?? c)")]
    [InlineData("a.Any(x => x.b > 1 && x.c)", "a.Any(x => ((x.b > 1) && x.c))")]
    [InlineData("a.Where(b > 1).Select(c)", "a.Where((b > 1)).Select(c)")]
    [InlineData("x is int && y as string == null", "((x is int) && ((y as string) == null))")]
    [InlineData("x as int? == 1", "((x as int?) == 1)")]
    [InlineData("(int)x + 1", "(((int)x) + 1)")]
    [InlineData("(decimal?)x.y", "((decimal?)x.y)")]
    [InlineData("(a) + b", "(a + b)")]
    [InlineData("new [] {1, 2}.Contains(x)", "new [] {1, 2}.Contains(x)")]
    [InlineData("new int[] {}", "new int[] {}")]
    [InlineData("new (a as A, b.c, d)", "new (a as A, b.c as c, d as d)")]
    [InlineData("np(a.b, 0)", "np(a.b, 0)")]
    [InlineData("DateTime(2024, 3, 1).AddDays(-1)", "DateTime(2024, 3, 1).AddDays(-1)")]
    [InlineData("\"a\\\"b\" + 'c'", "(\"a\\\"b\" + 'c')")]
    [InlineData("TRUE and False or NULL", "((true && false) || null)")]
    [InlineData("10.5m >= 0x1F", "(10.5m >= 0x1F)")]
    [InlineData("@in == @new", "(in == new)")]
    [InlineData("a\n  &&\n  b", "(a && b)")]
    public void Parse_Expression_GroupsAsPrinted(string text, string expected)
    {
        var printed = SyntaxPrinter.Print(Parse(text));
        printed.Should().Be(expected);
    }

    [Theory]
    [InlineData("input1.country == \"india\" AND input1.loyaltyFactor <= 2 AND input1.totalPurchasesToDate >= 5000")]
    [InlineData("input1.Items.Any(i => i.Price > 100 && i.Tags.Contains(\"x\")) || np(input1.Customer.Name, \"\") == \"\"")]
    [InlineData("a ? -b * c % d : e ?? f & g")]
    [InlineData("x in (1, 2 + 3, y.z) && !(w in list) && v is string")]
    [InlineData("new (a.b as X, (int)c as Y, new [] {1, 2} as Z).X")]
    public void Parse_PrintedTree_ParsesToTheSameTree(string text)
    {
        var once = SyntaxPrinter.Print(Parse(text));
        var twice = SyntaxPrinter.Print(Parse(once));
        twice.Should().Be(once);
    }

    [Fact]
    public void Parse_Node_KnowsItsSpan()
    {
        var node = (BinaryNode)Parse("  a.b  >  42 ");
        node.Span.Should().Be(new TextSpan(2, 10));
        node.OperatorSpan.Should().Be(new TextSpan(7, 1));
        node.Left.Span.Should().Be(new TextSpan(2, 3));
        ((MemberNode)node.Left).NameSpan.Should().Be(new TextSpan(4, 1));
        node.Right.Span.Should().Be(new TextSpan(10, 2));
    }
}
