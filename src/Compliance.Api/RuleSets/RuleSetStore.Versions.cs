using Compliance.Api.Audit;
using Dapper;
using Npgsql;

namespace Compliance.Api.RuleSets;

/// <summary>Reading rule sets and their versions; creating and updating drafts.</summary>
internal sealed partial class RuleSetStore
{
    private const string SelectRuleSets = """
        SELECT s.name AS Name, s.created_at AS CreatedAt,
               (SELECT v.version FROM rule_set_versions v WHERE v.rule_set = s.name AND v.status = 'published') AS PublishedVersion,
               (SELECT coalesce(max(v.version), 0) FROM rule_set_versions v WHERE v.rule_set = s.name) AS LatestVersion
        FROM rule_sets s
        """;

    private const string SelectVersions = $"SELECT {Columns} FROM rule_set_versions WHERE rule_set = @Name ORDER BY version";

    private const string SelectVersion = $"SELECT {Columns} FROM rule_set_versions WHERE rule_set = @Name AND version = @Version";

    private const string LockRuleSet = "SELECT name FROM rule_sets WHERE name = @Name FOR UPDATE";

    private const string SelectNextVersion = "SELECT coalesce(max(version), 0) + 1 FROM rule_set_versions WHERE rule_set = @Name";

    private const string InsertDraft = $"""
        INSERT INTO rule_set_versions (rule_set, version, status, workflow, settings, tests, content_hash, based_on, author, created_at, note)
        VALUES (@Name, @Version, @Status, @Workflow, @Settings, @Tests, @Hash, @BasedOn, @Author, @At, @Note)
        RETURNING {Columns}
        """;

    private const string UpdateDraft = $"""
        UPDATE rule_set_versions SET workflow = @Workflow, settings = @Settings, tests = @Tests, content_hash = @Hash, based_on = @BasedOn
        WHERE rule_set = @Name AND version = @Version
        RETURNING {Columns}
        """;

    public async Task<IReadOnlyList<RuleSetSummary>> RuleSetsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var sql = SelectRuleSets + " ORDER BY s.name";
        return [.. await connection.QueryAsync<RuleSetSummary>(new CommandDefinition(sql, cancellationToken: cancellationToken))];
    }

    public async Task<RuleSetSummary?> RuleSetAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        const string sql = SelectRuleSets + " WHERE s.name = @Name";
        return await connection.QuerySingleOrDefaultAsync<RuleSetSummary>(new CommandDefinition(sql, new { Name = name }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<RuleSetVersionRow>> VersionsAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<RuleSetVersionRow>(new CommandDefinition(SelectVersions, new { Name = name }, cancellationToken: cancellationToken))];
    }

    public async Task<RuleSetVersionRow?> VersionAsync(string name, int version, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<RuleSetVersionRow>(
            new CommandDefinition(SelectVersion, new { Name = name, Version = version }, cancellationToken: cancellationToken));
    }

    /// <summary>Adds the next version of a rule set as a draft (content already validated by the caller).</summary>
    public Task<RuleSetChange> CreateDraftAsync(string name, RuleSetContent content, string author, string? requestId, CancellationToken cancellationToken) =>
        InsertVersionAsync(name, content, "draft", author, null, "ruleset.version.created", requestId, cancellationToken);

    /// <summary>
    /// Inserts the next version under the rule set's row lock, so two creators never take the same
    /// number; <paramref name="content"/>'s based-on version must exist.
    /// </summary>
    private async Task<RuleSetChange> InsertVersionAsync(
        string name, RuleSetContent content, string status, string author, string? note, string action, string? requestId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await LockAsync(connection, transaction, name, cancellationToken))
        {
            return RuleSetChange.NotFound($"There is no rule set {name}.");
        }

        if (content.BasedOn is { } basedOn && await FindAsync(connection, transaction, name, basedOn, cancellationToken) is null)
        {
            return RuleSetChange.Invalid("basedOn", $"rule set {name} has no version {basedOn}.");
        }

        var version = await connection.ExecuteScalarAsync<int>(new CommandDefinition(SelectNextVersion, new { Name = name }, transaction, cancellationToken: cancellationToken));
        var hash = ContentHash(content.Workflow, content.Settings, content.Tests);
        var row = await connection.QuerySingleAsync<RuleSetVersionRow>(new CommandDefinition(InsertDraft, new
        {
            Name = name, Version = version, Status = status, content.Workflow, content.Settings, content.Tests, Hash = hash, content.BasedOn,
            Author = author, At = time.GetUtcNow(), Note = note,
        }, transaction, cancellationToken: cancellationToken));
        await audit.AppendAsync(connection, transaction, Event(author, action, row, requestId, note), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return RuleSetChange.Done(row);
    }

    /// <summary>Replaces a draft's content. Only its author may, and only while it is a draft: submitted versions are immutable.</summary>
    public Task<RuleSetChange> UpdateDraftAsync(string name, int version, RuleSetContent content, string principal, string? requestId, CancellationToken cancellationToken) =>
        ChangeAsync(name, version, async (connection, transaction, row) =>
        {
            if (row.Status != "draft")
            {
                return RuleSetChange.Conflict($"Version {version} is {row.Status}; only drafts change. Create a new version instead.");
            }

            if (row.Author != principal)
            {
                return RuleSetChange.Forbidden($"Version {version} is a draft of {row.Author}; only its author edits it (so approval stays four-eyes).");
            }

            if (content.BasedOn is { } basedOn && await FindAsync(connection, transaction, name, basedOn, cancellationToken) is null)
            {
                return RuleSetChange.Invalid("basedOn", $"rule set {name} has no version {basedOn}.");
            }

            var updated = await connection.QuerySingleAsync<RuleSetVersionRow>(new CommandDefinition(UpdateDraft, new
            {
                Name = name, Version = version, content.Workflow, content.Settings, content.Tests, content.BasedOn,
                Hash = ContentHash(content.Workflow, content.Settings, content.Tests),
            }, transaction, cancellationToken: cancellationToken));
            await audit.AppendAsync(connection, transaction, Event(principal, "ruleset.version.updated", updated, requestId), cancellationToken);
            return RuleSetChange.Done(updated);
        }, cancellationToken);

    /// <summary>
    /// Runs <paramref name="change"/> on one version with the rule set's row locked: every change to a
    /// rule set is serialized, so status checks and the one-published invariant hold under concurrency.
    /// Commits only when the change is done.
    /// </summary>
    private async Task<RuleSetChange> ChangeAsync(
        string name, int version, Func<NpgsqlConnection, NpgsqlTransaction, RuleSetVersionRow, Task<RuleSetChange>> change, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await LockAsync(connection, transaction, name, cancellationToken))
        {
            return RuleSetChange.NotFound($"There is no rule set {name}.");
        }

        var row = await FindAsync(connection, transaction, name, version, cancellationToken);
        if (row is null)
        {
            return RuleSetChange.NotFound($"Rule set {name} has no version {version}.");
        }

        var result = await change(connection, transaction, row);
        if (result.Status == RuleSetChangeStatus.Done)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return result;
    }

    private static async Task<bool> LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string name, CancellationToken cancellationToken) =>
        await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(LockRuleSet, new { Name = name }, transaction, cancellationToken: cancellationToken)) is not null;

    private static Task<RuleSetVersionRow?> FindAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string name, int version, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<RuleSetVersionRow>(new CommandDefinition(SelectVersion, new { Name = name, Version = version }, transaction, cancellationToken: cancellationToken));

    /// <summary>Who did what to which version, with the content hash that pins what it was.</summary>
    private static AuditEvent Event(string principal, string action, RuleSetVersionRow row, string? requestId, string? note = null) =>
        new(principal, action, AuditOutcome.Success, "rule_set", row.RuleSet, RequestId: requestId,
            Detail: $"version={row.Version} status={row.Status} hash={row.ContentHash}" + (note is null ? "" : $" note={note}"));
}
