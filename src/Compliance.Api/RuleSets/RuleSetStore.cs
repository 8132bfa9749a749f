using System.Security.Cryptography;
using System.Text.Json;
using Compliance.Api.Audit;
using Compliance.Api.Storage;
using Dapper;
using Npgsql;

namespace Compliance.Api.RuleSets;

/// <summary>Rule sets and their versions in PostgreSQL; after the first start, the database is the source of truth.</summary>
internal sealed partial class RuleSetStore(NpgsqlDataSource dataSource, ReadReplica replica, AuditLog audit, TimeProvider time)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string Columns = """
        rule_set AS RuleSet, version AS Version, status AS Status, workflow AS Workflow, settings AS Settings,
        tests AS Tests, content_hash AS ContentHash, author AS Author, based_on AS BasedOn, created_at AS CreatedAt,
        submitted_at AS SubmittedAt, reviewed_by AS ReviewedBy, reviewed_at AS ReviewedAt, published_by AS PublishedBy,
        published_at AS PublishedAt, retired_at AS RetiredAt, note AS Note
        """;

    private const string SelectPublished = $"SELECT {Columns} FROM rule_set_versions WHERE rule_set = @Name AND status = 'published'";

    private const string SelectPublishedStamp = "SELECT version FROM rule_set_versions WHERE rule_set = @Name AND status = 'published'";

    private const string InsertRuleSet = "INSERT INTO rule_sets (name, created_at) VALUES (@Name, @At) ON CONFLICT (name) DO NOTHING";

    private const string InsertVersion = """
        INSERT INTO rule_set_versions (rule_set, version, status, workflow, settings, tests, content_hash, author, created_at, published_at, published_by)
        VALUES (@Name, 1, 'published', @Workflow, @Settings, @Tests, @Hash, 'seed', @At, @At, 'seed')
        """;

    public async Task<RuleSetVersionRow?> PublishedAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<RuleSetVersionRow>(new CommandDefinition(SelectPublished, new { Name = name }, cancellationToken: cancellationToken));
    }

    /// <summary>The published version number, for cheap change detection; null when nothing is published.</summary>
    public async Task<int?> PublishedVersionAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<int?>(new CommandDefinition(SelectPublishedStamp, new { Name = name }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Publishes the files of a rule set as its version 1, unless the database already has the rule
    /// set (another instance may be seeding at the same moment: the first insert wins).
    /// </summary>
    public async Task<bool> SeedAsync(string name, string workflow, string settings, string? tests, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var at = time.GetUtcNow();
        if (await connection.ExecuteAsync(new CommandDefinition(InsertRuleSet, new { Name = name, At = at }, transaction, cancellationToken: cancellationToken)) == 0)
        {
            return false;
        }

        var hash = ContentHash(workflow, settings, tests);
        await connection.ExecuteAsync(new CommandDefinition(InsertVersion,
            new { Name = name, Workflow = workflow, Settings = settings, Tests = tests, Hash = hash, At = at }, transaction, cancellationToken: cancellationToken));
        await audit.AppendAsync(connection, transaction,
            new AuditEvent("system", "ruleset.seeded", AuditOutcome.Success, "rule_set", name, Detail: $"version=1 hash={hash}"), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>What a version's content hash covers: its workflow, settings and tests, exactly as stored.</summary>
    public static string ContentHash(string workflow, string settings, string? tests)
    {
        var content = new Storage.CanonicalWriter().Add("ruleset/v1").Add(workflow).Add(settings).Add(tests).Written;
        return Convert.ToHexStringLower(SHA256.HashData(content));
    }

    public static RuleSetSettings ParseSettings(string settings) =>
        JsonSerializer.Deserialize<RuleSetSettings>(settings, Json) ?? new RuleSetSettings();

}
