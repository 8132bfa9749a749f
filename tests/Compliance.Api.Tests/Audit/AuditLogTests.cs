using Compliance.Api.Audit;
using Compliance.Api.Storage;
using Compliance.Api.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Compliance.Api.Tests.Audit;

/// <summary>The chain, its verification, and what happens when someone with database access tampers.</summary>
public sealed class AuditLogTests : IAsyncLifetime
{
    private string _connectionString = "";
    private NpgsqlDataSource _dataSource = null!;
    private readonly AuditLog _audit = new(TimeProvider.System);

    public async Task InitializeAsync()
    {
        _connectionString = await TestPostgres.CreateDatabaseAsync();
        _dataSource = NpgsqlDataSource.Create(_connectionString);
        await new MigrationRunner(_dataSource, Migration.LoadEmbedded(), NullLogger<MigrationRunner>.Instance).RunAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        await TestPostgres.DropDatabaseAsync(_connectionString);
    }

    [Fact]
    public async Task Verify_AfterManyAppendsAcrossChains_IsOkWithTheRowCount()
    {
        await AppendAsync(40);

        var result = await Verify();

        result.Ok.Should().BeTrue(result.Problem);
        result.Rows.Should().Be(40);
        result.Chains.Should().BeGreaterThan(1, "events spread over several chains");
    }

    [Fact]
    public async Task Append_Concurrently_EveryChainStaysGapFreeAndVerifies()
    {
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => AppendAsync(25))));

        var result = await Verify();

        result.Ok.Should().BeTrue(result.Problem);
        result.Rows.Should().Be(200);
    }

    [Fact]
    public async Task Append_TransactionRolledBack_LeavesNoRowAndTheChainIntact()
    {
        await AppendAsync(3);
        await using (var connection = await _dataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await _audit.AppendAsync(connection, transaction, Event("subject-rolled-back"), CancellationToken.None);
            await transaction.RollbackAsync();
        }

        await AppendAsync(3);

        var result = await Verify();
        result.Ok.Should().BeTrue(result.Problem);
        result.Rows.Should().Be(6);
    }

    [Fact]
    public async Task Verify_RowContentChangedBySuperuser_ReportsThatRow()
    {
        await AppendAsync(10);
        var target = await RowIdAsync(5);

        await AsSuperuserAsync($"UPDATE audit_log SET outcome = 'denied' WHERE id = {target}");

        var result = await Verify();
        result.Ok.Should().BeFalse();
        result.BadRowId.Should().Be(target);
        result.Problem.Should().Contain($"audit row {target}").And.Contain("content was changed");
    }

    [Fact]
    public async Task Verify_RowHashRecomputedAfterAChange_ReportsTheNextRow()
    {
        // A careful forger rewrites the row's own hash too; the next row's link still gives it away.
        await AppendAsync(1, "same-subject");
        await AppendAsync(2, "same-subject");
        var ids = await IdsInChainAsync(AuditLog.ChainFor("same-subject"));

        await AsSuperuserAsync($"UPDATE audit_log SET outcome = 'denied', hash = sha256(hash) WHERE id = {ids[0]}");

        var result = await Verify();
        result.Ok.Should().BeFalse();
        result.BadRowId.Should().BeOneOf(ids[0], ids[1]);
    }

    [Fact]
    public async Task Verify_MiddleRowDeletedBySuperuser_ReportsTheRowAfterIt()
    {
        await AppendAsync(4, "one-chain");
        var ids = await IdsInChainAsync(AuditLog.ChainFor("one-chain"));

        await AsSuperuserAsync($"DELETE FROM audit_log WHERE id = {ids[1]}");

        var result = await Verify();
        result.Ok.Should().BeFalse();
        result.BadRowId.Should().Be(ids[2]);
        result.Problem.Should().Contain("deleted, inserted or reordered");
    }

    [Fact]
    public async Task Verify_RowsReorderedBySuperuser_ReportsTheFirstMovedRow()
    {
        await AppendAsync(4, "reordered");
        var ids = await IdsInChainAsync(AuditLog.ChainFor("reordered"));

        // Swap the sequence numbers of the second and third rows.
        await AsSuperuserAsync($"UPDATE audit_log SET seq = -seq WHERE id IN ({ids[1]}, {ids[2]})");
        await AsSuperuserAsync($"UPDATE audit_log SET seq = CASE WHEN id = {ids[1]} THEN 3 ELSE 2 END WHERE id IN ({ids[1]}, {ids[2]})");

        var result = await Verify();
        result.Ok.Should().BeFalse();
        result.BadRowId.Should().Be(ids[2], "the row now in second place does not follow the first");
    }

    [Fact]
    public async Task Verify_LastRowDeletedBySuperuser_ReportsTheTruncatedChain()
    {
        await AppendAsync(3, "tail");
        var chain = AuditLog.ChainFor("tail");
        var ids = await IdsInChainAsync(chain);

        await AsSuperuserAsync($"DELETE FROM audit_log WHERE id = {ids[^1]}");

        var result = await Verify();
        result.Ok.Should().BeFalse();
        result.Problem.Should().Be($"chain {chain} ends at seq 2 but its head records seq 3: rows were deleted from its end or the head was altered");
    }

    [Theory]
    [InlineData("UPDATE audit_log SET outcome = 'denied'")]
    [InlineData("DELETE FROM audit_log")]
    [InlineData("TRUNCATE audit_log")]
    public async Task Change_EvenByTheOwner_IsRefusedByTheTrigger(string sql)
    {
        await AppendAsync(2);
        await using var connection = await _dataSource.OpenConnectionAsync();

        var act = () => connection.ExecuteAsync(sql);

        (await act.Should().ThrowAsync<PostgresException>()).Which.MessageText.Should().StartWith("audit_log is append-only");
        (await Verify()).Rows.Should().Be(2);
    }

    [Fact]
    public async Task AppRole_MayAppendButNotChange()
    {
        var role = "app_" + Guid.NewGuid().ToString("N")[..12];
        await AsSuperuserAsync($"CREATE ROLE {role} LOGIN IN ROLE compliance_app; GRANT CONNECT ON DATABASE {new NpgsqlConnectionStringBuilder(_connectionString).Database} TO {role}");
        try
        {
            await using var appSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(_connectionString) { Username = role }.ConnectionString);
            await _audit.AppendAsync(appSource, Event("by-app-role"), CancellationToken.None);
            await using var connection = await appSource.OpenConnectionAsync();

            var update = () => connection.ExecuteAsync("UPDATE audit_log SET outcome = 'denied'");
            var delete = () => connection.ExecuteAsync("DELETE FROM audit_log");

            (await update.Should().ThrowAsync<PostgresException>()).Which.SqlState.Should().Be(PostgresErrorCodes.InsufficientPrivilege);
            (await delete.Should().ThrowAsync<PostgresException>()).Which.MessageText.Should().StartWith("permission denied");
            (await Verify()).Rows.Should().Be(1);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await AsSuperuserAsync($"DROP OWNED BY {role}; DROP ROLE {role}");
        }
    }

    private async Task AppendAsync(int count, string? subject = null)
    {
        for (var i = 0; i < count; i++)
        {
            await _audit.AppendAsync(_dataSource, Event(subject ?? $"customer-{Guid.NewGuid():N}"), CancellationToken.None);
        }
    }

    private static AuditEvent Event(string subject) =>
        new("key:test", "customer.pii.read", AuditOutcome.Success, "customer", subject, ["fullName", "email"], "kyc_review", "req-1");

    private Task<AuditVerification> Verify() => new AuditVerifier(_dataSource).VerifyAsync(null, CancellationToken.None);

    private async Task<long> RowIdAsync(int nth)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        return await connection.QuerySingleAsync<long>("SELECT id FROM audit_log ORDER BY id OFFSET @Skip LIMIT 1", new { Skip = nth - 1 });
    }

    private async Task<List<long>> IdsInChainAsync(string chain)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        return [.. await connection.QueryAsync<long>("SELECT id FROM audit_log WHERE chain = @Chain ORDER BY seq", new { Chain = chain })];
    }

    // What an attacker with superuser access does: bypass triggers for the session.
    private async Task AsSuperuserAsync(string sql)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync($"SET session_replication_role = replica; {sql}; SET session_replication_role = DEFAULT;");
    }
}
