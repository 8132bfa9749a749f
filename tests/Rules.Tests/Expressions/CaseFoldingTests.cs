using System.Globalization;
using System.Linq.Expressions;
using Compliance.Rules.Expressions;

namespace Compliance.Rules.Tests.Expressions;

/// <summary>
/// <c>x.ToUpper() == "ABC"</c> and <c>x.ToLower() == "abc"</c> compare without the upper- or lower-cased copy, and answer
/// exactly what the copy would: the same for ASCII text, and the original call for any other text.
/// </summary>
public class CaseFoldingTests
{
    private static bool Run(string expression, string? name) =>
        Compile(expression)(name);

    private static Func<string?, bool> Compile(string expression)
    {
        var name = Expression.Parameter(typeof(string), "name");
        var bound = new ExpressionCompiler(new ExpressionCompilerOptions()).Bind(expression, [name], typeof(bool));
        bound.Success.Should().BeTrue(string.Join(" | ", bound.Diagnostics));
        return Expression.Lambda<Func<string?, bool>>(bound.Body!, name).Compile();
    }

    public static TheoryData<string, string> Pairs => new()
    {
        { "name.ToUpper() == \"ADA LOVELACE\"", "Ada Lovelace" },
        { "name.ToUpper() == \"ADA LOVELACE\"", "Ada Lovelacf" },
        { "name.ToUpper() == \"ADA LOVELACE\"", "Ada Lovelace " },
        { "\"WEB\" == name.ToUpper()", "web" },
        { "name.ToUpper() != \"WEB\"", "wEb" },
        { "name.ToUpper() != \"WEB\"", "app" },
        { "name.ToLower() == \"web\"", "WeB" },
        { "name.ToLower() == \"web-2\"", "WEB-2" },
        { "name.ToLower() != \"web\"", "WEBS" },
        { "name.ToUpper() == \"\"", "" },
        { "name.ToUpper() == \"ID\"", "\u0131d" }, // dotless i upper-cases to I
        { "name.ToLower() == \"k\"", "\u212A" }, // the Kelvin sign lower-cases to k, though k upper-cases to K
        { "name.ToUpper() == \"STRASSE\"", "stra\u00DFe" }, // no full case mapping: ß stays
        { "name.ToUpper() == \"ÉTÉ\"", "été" }, // a non-ASCII literal: not rewritten
        { "name.ToUpper() == \"Web\"", "web" }, // a literal not in upper case: never equal, not rewritten
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Comparison_AnyText_AnswersAsTheCasedCopyWould(string expression, string name)
    {
        var copy = expression.Contains("ToUpper", StringComparison.Ordinal) ? name.ToUpper(CultureInfo.CurrentCulture) : name.ToLower(CultureInfo.CurrentCulture);
        var literal = expression.Split('"')[1];
        var expected = expression.Contains("!=", StringComparison.Ordinal) ? copy != literal : copy == literal;

        Run(expression, name).Should().Be(expected);
    }

    [Fact]
    public void Comparison_NullText_ThrowsAsToUpperDoes()
    {
        var act = () => Run("name.ToUpper() == \"WEB\"", null);

        act.Should().Throw<NullReferenceException>();
    }

    [Theory]
    [InlineData("name.ToUpper() == \"ADA LOVELACE\"")]
    [InlineData("name.ToLower() != \"web\"")]
    public void Comparison_AsciiText_AllocatesNothing(string expression)
    {
        var rule = Compile(expression);
        rule("Ada Lovelace");
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            rule("Ada Lovelace");
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);
    }
}
