using Compliance.Api.Storage;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Compliance.Api.Tests.Storage;

public sealed class ConnectionStringResolverTests
{
    [Fact]
    public void Resolve_DatabaseUrl_BecomesNpgsqlConnectionString()
    {
        var resolved = ConnectionStringResolver.Resolve(Config(("DATABASE_URL", "postgres://app:p%40ss@db.internal:6432/compliance?sslmode=require")));

        var builder = new NpgsqlConnectionStringBuilder(resolved);
        builder.Host.Should().Be("db.internal");
        builder.Port.Should().Be(6432);
        builder.Database.Should().Be("compliance");
        builder.Username.Should().Be("app");
        builder.Password.Should().Be("p@ss");
        builder.SslMode.Should().Be(SslMode.Require);
    }

    [Fact]
    public void Resolve_ConnectionStringWins_OverDatabaseUrl()
    {
        var resolved = ConnectionStringResolver.Resolve(Config(
            ("ConnectionStrings:Postgres", "Host=first;Database=a"), ("DATABASE_URL", "postgres://u@second/b")));

        new NpgsqlConnectionStringBuilder(resolved).Host.Should().Be("first");
    }

    [Fact]
    public void Resolve_NothingConfigured_ReturnsNull() =>
        ConnectionStringResolver.Resolve(Config()).Should().BeNull();

    [Theory]
    [InlineData("ConnectionStrings:Postgres", "Host=x;Port=notanumber", "ConnectionStrings:Postgres is malformed")]
    [InlineData("ConnectionStrings:Postgres", "Database=nohost", "ConnectionStrings:Postgres is malformed: it names no Host")]
    [InlineData("ConnectionStrings:Postgres", "this is not a connection string", "ConnectionStrings:Postgres is malformed")]
    [InlineData("DATABASE_URL", "mysql://u@h/db", "DATABASE_URL is malformed: expected postgres://")]
    public void Resolve_Malformed_ThrowsStartupExceptionNamingTheSetting(string key, string value, string expectedStart)
    {
        var act = () => ConnectionStringResolver.Resolve(Config((key, value)));

        act.Should().Throw<StartupException>().Which.Message.Should().StartWith(expectedStart);
    }

    [Fact]
    public void Describe_NeverIncludesThePassword() =>
        ConnectionStringResolver.Describe("Host=h;Port=5433;Database=d;Username=u;Password=secret-value")
            .Should().Be("h:5433/d").And.NotContain("secret");

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
