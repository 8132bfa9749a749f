using Compliance.Api.Storage;
using Compliance.Api.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Compliance.Api.Tests.Storage;

public sealed class MigrationRunnerTests : IAsyncLifetime
{
    private string _connectionString = "";
    private NpgsqlDataSource _dataSource = null!;

    public async Task InitializeAsync()
    {
        _connectionString = await TestPostgres.CreateDatabaseAsync();
        _dataSource = NpgsqlDataSource.Create(_connectionString);
    }

    public async Task DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        await TestPostgres.DropDatabaseAsync(_connectionString);
    }

    [Fact]
    public async Task Run_EmptyDatabase_AppliesEveryEmbeddedMigrationOnce()
    {
        var embedded = Migration.LoadEmbedded();

        var result = await Runner(embedded).RunAsync(CancellationToken.None);

        result.Applied.Should().Equal(embedded.Select(m => m.Version));
        result.SchemaVersion.Should().Be(embedded[^1].Version);
        (await AppliedVersionsAsync()).Should().Equal(embedded.Select(m => m.Version));
        (await TablesAsync()).Should().Contain(["api_keys", "audit_log", "chain_heads", "schema_migrations"]);
    }

    [Fact]
    public async Task Run_Twice_SecondRunChangesNothing()
    {
        var embedded = Migration.LoadEmbedded();
        await Runner(embedded).RunAsync(CancellationToken.None);
        var schemaBefore = await SchemaFingerprintAsync();
        var recordedBefore = await _dataSource.OpenConnection().QueryAsync<(int, DateTime)>("SELECT version, applied_at FROM schema_migrations ORDER BY version");

        var second = await Runner(embedded).RunAsync(CancellationToken.None);

        second.Applied.Should().BeEmpty();
        (await SchemaFingerprintAsync()).Should().Be(schemaBefore);
        (await _dataSource.OpenConnection().QueryAsync<(int, DateTime)>("SELECT version, applied_at FROM schema_migrations ORDER BY version"))
            .Should().Equal(recordedBefore);
    }

    [Fact]
    public async Task Run_TwoRunnersAtOnce_BothFinishAndEachMigrationAppliesOnce()
    {
        // The first migration is slow, so without the lock both runners would be inside it at
        // once; CREATE TABLE without IF NOT EXISTS fails on a second application.
        Migration[] migrations =
        [
            new(1, "slow", "CREATE TABLE one (id int); SELECT pg_sleep(0.5);"),
            new(2, "second", "CREATE TABLE two (id int);"),
        ];
        using var start = new ManualResetEventSlim();
        var runs = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            await using var dataSource = NpgsqlDataSource.Create(_connectionString);
            return await new MigrationRunner(dataSource, migrations, NullLogger<MigrationRunner>.Instance).RunAsync(CancellationToken.None);
        })).ToArray();

        start.Set();
        var results = await Task.WhenAll(runs);

        results.SelectMany(r => r.Applied).Should().BeEquivalentTo([1, 2], "every migration is applied by exactly one of the runners");
        results.Should().AllSatisfy(r => r.SchemaVersion.Should().Be(2));
        (await AppliedVersionsAsync()).Should().Equal(1, 2);
    }

    [Fact]
    public async Task Run_DatabaseHasNewerUnknownMigration_FailsWithClearMessage()
    {
        var embedded = Migration.LoadEmbedded();
        await Runner(embedded).RunAsync(CancellationToken.None);
        await using (var connection = await _dataSource.OpenConnectionAsync())
        {
            await connection.ExecuteAsync("INSERT INTO schema_migrations (version, name, checksum) VALUES (9999, 'from_the_future', 'x')");
        }

        var act = () => Runner(embedded).RunAsync(CancellationToken.None);

        (await act.Should().ThrowAsync<StartupException>()).Which.Message.Should().Be(
            $"the database schema is at version 9999 (from_the_future), newer than this build knows (version {embedded[^1].Version}); run a build that includes migration 9999");
    }

    [Fact]
    public async Task Run_AppliedMigrationWasEdited_FailsNamingIt()
    {
        await Runner([new Migration(1, "first", "CREATE TABLE one (id int);")]).RunAsync(CancellationToken.None);

        var act = () => Runner([new Migration(1, "first", "CREATE TABLE one (id bigint);")]).RunAsync(CancellationToken.None);

        (await act.Should().ThrowAsync<StartupException>()).Which.Message.Should().StartWith("migration 0001_first was changed after it was applied");
    }

    [Fact]
    public async Task Run_MigrationFails_NothingOfItIsRecorded()
    {
        Migration[] migrations = [new(1, "good", "CREATE TABLE one (id int);"), new(2, "bad", "CREATE TABLE two (id int); SELECT no_such_function();")];

        var act = () => Runner(migrations).RunAsync(CancellationToken.None);

        await act.Should().ThrowAsync<PostgresException>();
        (await AppliedVersionsAsync()).Should().Equal(1);
        (await TablesAsync()).Should().NotContain("two", "a failed migration rolls back whole");
    }

    [Fact]
    public void LoadEmbedded_VersionsAreUniqueAndAscending()
    {
        var embedded = Migration.LoadEmbedded();

        embedded.Should().NotBeEmpty();
        embedded.Select(m => m.Version).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
    }

    private MigrationRunner Runner(IReadOnlyList<Migration> migrations) =>
        new(_dataSource, migrations, NullLogger<MigrationRunner>.Instance);

    private async Task<List<int>> AppliedVersionsAsync()
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        return [.. await connection.QueryAsync<int>("SELECT version FROM schema_migrations ORDER BY version")];
    }

    private async Task<List<string>> TablesAsync()
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        return [.. await connection.QueryAsync<string>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")];
    }

    private async Task<string> SchemaFingerprintAsync()
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        var columns = await connection.QueryAsync<string>(
            "SELECT table_name || '.' || column_name || ':' || data_type FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1");
        return string.Join('\n', columns);
    }
}
