using Compliance.Api.Storage;
using NpgsqlTypes;

namespace Compliance.Api.Tests.Storage;

public sealed class PositionalStatementTests
{
    [Fact]
    public void Parse_NumbersNames_InOrderOfFirstUse_AndReusesANumber()
    {
        var statement = PositionalStatement.Parse("SELECT @B, @A_1 WHERE x = @B AND y > @A_1::int");

        statement.Text.Should().Be("SELECT $1, $2 WHERE x = $1 AND y > $2::int");
        statement.Names.Should().Equal("B", "A_1");
    }

    [Fact]
    public void Parse_LeavesQuotesAndComments_Alone()
    {
        var statement = PositionalStatement.Parse("""
            SELECT '@NotA' || 'it''s @Also', "@Col" -- @Comment
            FROM t /* @Block */ WHERE a = @Real
            """);

        statement.Names.Should().Equal("Real");
        statement.Text.Should().Be("""
            SELECT '@NotA' || 'it''s @Also', "@Col" -- @Comment
            FROM t /* @Block */ WHERE a = $1
            """);
    }

    [Theory]
    [InlineData("SELECT $$x$$", "dollar quoting")]
    [InlineData("SELECT $1", "positional parameter")]
    [InlineData("SELECT 'open", "unterminated '")]
    public void Parse_RefusesWhatItCannotRewriteSafely(string sql, string message) =>
        FluentActions.Invoking(() => PositionalStatement.Parse(sql)).Should().Throw<ArgumentException>().WithMessage($"*{message}*");

    [Fact]
    public void Command_PutsParametersInNumberOrder_Unnamed_AndTyped()
    {
        var command = PositionalStatement.Parse("UPDATE t SET a = @A WHERE b = @B").Bind()
            .Set("B", null, NpgsqlDbType.Text)
            .Set("A", 7, NpgsqlDbType.Integer)
            .Command();

        command.CommandText.Should().Be("UPDATE t SET a = $1 WHERE b = $2");
        command.Parameters.Select(p => (p.ParameterName, p.NpgsqlDbType, p.Value)).Should().Equal(
            ("", NpgsqlDbType.Integer, (object)7), ("", NpgsqlDbType.Text, DBNull.Value));
    }

    [Fact]
    public void Command_RefusesAnUnknownName_AndAMissingOne()
    {
        var statement = PositionalStatement.Parse("SELECT @A, @B");

        FluentActions.Invoking(() => statement.Bind().Set("C", 1, NpgsqlDbType.Integer))
            .Should().Throw<ArgumentException>().WithMessage("*no parameter @C*");
        FluentActions.Invoking(() => statement.Bind().Set("A", 1, NpgsqlDbType.Integer).Command())
            .Should().Throw<InvalidOperationException>().WithMessage("*@B is not bound*");
    }
}
