using System.Net.Http.Json;
using System.Text.Json;
using Compliance.Api.Storage;
using Compliance.Api.Tests.Infrastructure;
using Dapper;
using Npgsql;

namespace Compliance.Api.Tests.Hosting;

/// <summary>
/// The local cluster runs durable, and a database that is not durable is reported: at start-up in
/// the log and in every readiness answer, so an operator sees it.
/// </summary>
public sealed class DurabilityTests
{
    [Fact]
    public async Task LocalCluster_StartsWithTheDurableSettings()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            var settings = await connection.QuerySingleAsync<DatabaseDurability>(DatabaseDurability.Query);

            settings.Should().Be(new DatabaseDurability("on", "on", "on"));
            settings.IsDurable.Should().BeTrue();
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(connectionString);
        }
    }

    [Fact]
    public async Task Ready_SynchronousCommitOffForTheDatabase_ReportsNotDurableAndLogsAtStartUp()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            // A per-database override, as a tuning guide might suggest: the service's sessions inherit it.
            await connection.ExecuteAsync($"ALTER DATABASE {database} SET synchronous_commit = off");
        }

        var factory = new ApiFactory();
        factory.Set("ConnectionStrings:Postgres", connectionString);
        await factory.InitializeAsync();
        try
        {
            using var client = factory.CreateClient();
            var ready = await client.GetFromJsonAsync<JsonElement>("/health/ready");

            ready.GetProperty("status").GetString().Should().Be("ready");
            var health = ready.GetProperty("database");
            health.GetProperty("durable").GetBoolean().Should().BeFalse();
            health.GetProperty("problems").EnumerateArray().Select(p => p.GetString()).Should().ContainSingle()
                .Which.Should().StartWith("synchronous_commit is off");
            factory.Logs.All.Should().Contain("The database is not durable: synchronous_commit is off");
        }
        finally
        {
            await ((IAsyncLifetime)factory).DisposeAsync();
            await TestPostgres.DropDatabaseAsync(connectionString);
        }
    }

    [Theory]
    [InlineData("shared_buffers=1GB", true)]
    [InlineData("commit_delay=20", true)]
    [InlineData("wal_compression=lz4", true)]
    [InlineData("fsync=off", true)]
    [InlineData("shared_buffers = 1GB", false)]
    [InlineData("x=1;rm -rf /", false)]
    [InlineData("archive_command='cp %p /x'", false)]
    [InlineData("novalue", false)]
    public void LocalServerSetting_OnlyPlainNameValuePairsPass(string setting, bool valid) =>
        LocalPostgres.IsValidSetting(setting).Should().Be(valid);
}
