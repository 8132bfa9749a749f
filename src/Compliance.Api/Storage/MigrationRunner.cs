using Dapper;
using Npgsql;

namespace Compliance.Api.Storage;

/// <summary>
/// Applies the embedded migrations in order, each in its own transaction, and records them in
/// <c>schema_migrations</c>. A session-level advisory lock makes instances that start together
/// take turns: the first applies, the others wait, then find nothing left to do.
/// </summary>
internal sealed class MigrationRunner(NpgsqlDataSource dataSource, IReadOnlyList<Migration> migrations, ILogger<MigrationRunner> logger)
{
    // Arbitrary but fixed: every instance of this service must use the same key.
    private const long AdvisoryLockKey = 0x436F6D706C69616E; // "Complian"

    private const string CreateTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    integer PRIMARY KEY,
            name       text        NOT NULL,
            checksum   text        NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now()
        )
        """;

    private const string SelectApplied = "SELECT version AS Version, name AS Name, checksum AS Checksum FROM schema_migrations ORDER BY version";

    private const string InsertApplied = "INSERT INTO schema_migrations (version, name, checksum) VALUES (@Version, @Name, @Checksum)";

    /// <summary>The schema version this build brings: its last migration's.</summary>
    private int Newest => migrations.Count == 0 ? 0 : migrations[^1].Version;

    public async Task<MigrationResult> RunAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@key)", new { key = AdvisoryLockKey }, cancellationToken: cancellationToken));
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(CreateTable, cancellationToken: cancellationToken));
            var applied = (await connection.QueryAsync<AppliedMigration>(new CommandDefinition(SelectApplied, cancellationToken: cancellationToken))).ToList();
            Check(applied);

            var done = applied.Select(a => a.Version).ToHashSet();
            var newlyApplied = new List<int>();
            foreach (var migration in migrations.Where(m => !done.Contains(m.Version)))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await connection.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: transaction, cancellationToken: cancellationToken));
                await connection.ExecuteAsync(new CommandDefinition(InsertApplied, new { migration.Version, migration.Name, migration.Checksum }, transaction, cancellationToken: cancellationToken));
                await transaction.CommitAsync(cancellationToken);
                StorageLog.MigrationApplied(logger, migration.Version, migration.Name);
                newlyApplied.Add(migration.Version);
            }

            return new MigrationResult(newlyApplied, Math.Max(Newest, applied.Count == 0 ? 0 : applied[^1].Version));
        }
        finally
        {
            await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_unlock(@key)", new { key = AdvisoryLockKey }, cancellationToken: CancellationToken.None));
        }
    }

    /// <summary>
    /// For an instance that does not migrate (<c>Database:MigrateOnStart=false</c>, a least-privilege
    /// role): the schema must be exactly what this build expects, else it refuses to start, saying why.
    /// </summary>
    public async Task<int> VerifyAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var exists = await connection.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT to_regclass('schema_migrations') IS NOT NULL", cancellationToken: cancellationToken));
        var applied = exists
            ? (await connection.QueryAsync<AppliedMigration>(new CommandDefinition(SelectApplied, cancellationToken: cancellationToken))).ToList()
            : [];
        Check(applied);
        var current = applied.Count == 0 ? 0 : applied[^1].Version;
        if (current < Newest)
        {
            throw new StartupException(
                $"the database schema is at version {current}, this build needs version {Newest}; run the migrate command first (Database:MigrateOnStart is false)");
        }

        return current;
    }

    private void Check(List<AppliedMigration> applied)
    {
        var known = migrations.ToDictionary(m => m.Version);
        var unknown = applied.Where(a => !known.ContainsKey(a.Version)).ToList();
        if (unknown.Count > 0)
        {
            throw new StartupException(
                $"the database schema is at version {applied[^1].Version} ({unknown[^1].Name}), newer than this build knows (version {Newest}); run a build that includes migration {unknown[0].Version}");
        }

        foreach (var a in applied)
        {
            if (known[a.Version].Checksum != a.Checksum)
            {
                throw new StartupException($"migration {a.Version:D4}_{a.Name} was changed after it was applied to this database; restore the original file and add a new migration instead");
            }
        }
    }

    private sealed record AppliedMigration(int Version, string Name, string Checksum);
}
