using Compliance.Api.Audit;
using Compliance.Api.Storage;
using Compliance.Api.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Compliance.Api.Tests.Audit;

public sealed class AuditMigrationTests
{
    [Fact]
    public async Task Migration_AbsorbsEarlierSecurityEvents_IntoAChainTheVerifierAccepts()
    {
        // The SQL in migration 0002 and AuditRecord.Canonical must encode rows identically.
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        try
        {
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            var all = Migration.LoadEmbedded();
            await new MigrationRunner(dataSource, [.. all.Where(m => m.Version == 1)], NullLogger<MigrationRunner>.Instance).RunAsync(CancellationToken.None);
            await using (var connection = await dataSource.OpenConnectionAsync())
            {
                await connection.ExecuteAsync("""
                    INSERT INTO security_events (occurred_at, principal, action, subject, request_id) VALUES
                    ('2026-11-01 10:00:00.123456+00', 'system', 'api_key.bootstrapped', 'k1', NULL),
                    ('2026-11-01 10:05:00+00', 'a1b2', 'api_key.created', 'k2', 'req-ünïcode'),
                    ('2026-11-01 10:06:00.5+00', 'a1b2', 'api_key.revoked', 'k2', 'req-3')
                    """);
            }

            await new MigrationRunner(dataSource, all, NullLogger<MigrationRunner>.Instance).RunAsync(CancellationToken.None);

            var result = await new AuditVerifier(dataSource).VerifyAsync(null, CancellationToken.None);
            result.Ok.Should().BeTrue(result.Problem);
            result.Rows.Should().Be(3);
            await using var check = await dataSource.OpenConnectionAsync();
            (await check.QueryAsync<string>("SELECT action FROM audit_log ORDER BY seq")).Should().Equal("api_key.bootstrapped", "api_key.created", "api_key.revoked");

            // New events continue the absorbed chain.
            await new AuditLog(TimeProvider.System).AppendAsync(dataSource,
                new AuditEvent("system", "test.event", AuditOutcome.Success, Subject: FindSubjectFor("audit-0")), CancellationToken.None);
            (await new AuditVerifier(dataSource).VerifyAsync(null, CancellationToken.None)).Ok.Should().BeTrue();
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(connectionString);
        }
    }

    private static string FindSubjectFor(string chain) =>
        Enumerable.Range(0, 1000).Select(i => $"s{i}").First(s => AuditLog.ChainFor(s) == chain);
}
