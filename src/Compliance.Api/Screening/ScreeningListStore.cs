using System.Security.Cryptography;
using System.Text.Json;
using Compliance.Api.Audit;
using Compliance.Api.Screening.Lists;
using Compliance.Api.Screening.Matching;
using Compliance.Api.Storage;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Compliance.Api.Screening;

/// <summary>One imported version of a list, with what changed against the version before it.</summary>
internal sealed record ListVersionRow(
    string List, int Version, string Format, string Source, byte[] SourceHash, int EntryCount, int Added, int Removed, int Changed,
    DateTime ImportedAt, string ImportedBy);

/// <summary>One entry that an import added, removed or changed.</summary>
internal sealed record ListChangeRow(string EntryId, string Change);

/// <summary>
/// Sanctions list versions in PostgreSQL. An import writes the version, all its entries (binary COPY)
/// and its diff, audits it and notifies every instance, in one transaction under a per-list lock, so
/// two imports of one list cannot interleave and a failed import leaves the previous version serving.
/// </summary>
internal sealed class ScreeningListStore(NpgsqlDataSource dataSource, AuditLog audit)
{
    public const string Channel = "screening_lists";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string Columns = """
        list AS List, version AS Version, format AS Format, source AS Source, source_hash AS SourceHash, entry_count AS EntryCount,
        added AS Added, removed AS Removed, changed AS Changed, imported_at AS ImportedAt, imported_by AS ImportedBy
        """;

    private const string Latest = $"""
        SELECT DISTINCT ON (list) {Columns} FROM screening_list_versions ORDER BY list, version DESC
        """;

    private const string Versions = $"SELECT {Columns} FROM screening_list_versions WHERE list = @List ORDER BY version DESC";

    private const string OneVersion = $"SELECT {Columns} FROM screening_list_versions WHERE list = @List AND version = @Version";

    private const string Changes = """
        SELECT entry_id AS EntryId, change AS Change FROM screening_list_changes
        WHERE list = @List AND version = @Version AND entry_id > @After ORDER BY entry_id LIMIT @Limit
        """;

    private const string EntryHashes = "SELECT entry_id, content_hash FROM screening_list_entries WHERE list = @List AND version = @Version";

    private const string EntriesOf = "SELECT entry::text FROM screening_list_entries WHERE list = @List AND version = @Version ORDER BY entry_id";

    private const string Lock = "SELECT pg_advisory_xact_lock(hashtextextended('screening_list:' || @List, 0))";

    private const string InsertVersion = """
        INSERT INTO screening_list_versions (list, version, format, source, source_hash, entry_count, added, removed, changed, imported_at, imported_by)
        VALUES (@List, @Version, @Format, @Source, @SourceHash, @EntryCount, @Added, @Removed, @Changed, @ImportedAt, @ImportedBy)
        """;

    private const string Notify = "SELECT pg_notify(@Channel, @Payload)";

    private const string QueueRescreen = "INSERT INTO screening_rescreens (id, reason, state, created_at) VALUES (@Id, @Reason, 'queued', @At)";

    public async Task<IReadOnlyList<ListVersionRow>> LatestAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<ListVersionRow>(new CommandDefinition(Latest, cancellationToken: cancellationToken))];
    }

    public async Task<IReadOnlyList<ListVersionRow>> VersionsAsync(string list, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<ListVersionRow>(new CommandDefinition(Versions, new { List = list }, cancellationToken: cancellationToken))];
    }

    public async Task<ListVersionRow?> VersionAsync(string list, int version, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ListVersionRow>(
            new CommandDefinition(OneVersion, new { List = list, Version = version }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<ListChangeRow>> ChangesAsync(string list, int version, string after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<ListChangeRow>(new CommandDefinition(Changes,
            new { List = list, Version = version, After = after, Limit = limit }, cancellationToken: cancellationToken))];
    }

    /// <summary>The newest version of every list, entries and all: what the screening index is built from.</summary>
    public async Task<IReadOnlyList<ListSnapshot>> LoadLatestAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var snapshots = new List<ListSnapshot>();
        foreach (var version in await connection.QueryAsync<ListVersionRow>(new CommandDefinition(Latest, cancellationToken: cancellationToken)))
        {
            var entries = new List<ListEntry>(version.EntryCount);
            await foreach (var json in connection.QueryUnbufferedAsync<string>(EntriesOf, new { version.List, version.Version }).WithCancellation(cancellationToken))
            {
                entries.Add(JsonSerializer.Deserialize<ListEntry>(json, Json)!);
            }

            snapshots.Add(new ListSnapshot(version.List, version.Version, entries));
        }

        return snapshots;
    }

    /// <summary>
    /// Stores the parsed entries as the list's next version, unless the file is the one the newest
    /// version came from or holds exactly its entries (then that version is returned and nothing is written).
    /// </summary>
    public async Task<(ListVersionRow Version, bool Created)> ImportAsync(
        string list, string format, string source, byte[] sourceHash, IReadOnlyList<ListEntry> entries, string actor, DateTimeOffset at,
        IProgress<(long Done, long Total)>? progress, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(Lock, new { List = list }, transaction, cancellationToken: cancellationToken));
        var previous = (await connection.QueryAsync<ListVersionRow>(new CommandDefinition(Versions + " LIMIT 1", new { List = list }, transaction,
            cancellationToken: cancellationToken))).SingleOrDefault();
        if (previous is not null && previous.SourceHash.AsSpan().SequenceEqual(sourceHash) && previous.Format == format)
        {
            return (previous, false);
        }

        var hashed = entries.Select(e => (Entry: e, Json: JsonSerializer.Serialize(e, Json))).Select(x => (x.Entry, x.Json, Hash: SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(x.Json)))).ToList();
        var before = previous is null ? new Dictionary<string, byte[]>(StringComparer.Ordinal)
            : (await connection.QueryAsync<(string EntryId, byte[] Hash)>(new CommandDefinition(EntryHashes, new { List = list, previous.Version }, transaction,
                cancellationToken: cancellationToken))).ToDictionary(r => r.EntryId, r => r.Hash, StringComparer.Ordinal);
        var changes = new List<(string EntryId, string Change)>();
        if (previous is not null)
        {
            var now = hashed.ToDictionary(h => h.Entry.EntryId, h => h.Hash, StringComparer.Ordinal);
            changes.AddRange(now.Where(n => !before.ContainsKey(n.Key)).Select(n => (n.Key, "added")));
            changes.AddRange(before.Where(b => !now.ContainsKey(b.Key)).Select(b => (b.Key, "removed")));
            changes.AddRange(now.Where(n => before.TryGetValue(n.Key, out var old) && !old.AsSpan().SequenceEqual(n.Value)).Select(n => (n.Key, "changed")));
        }

        if (previous is not null && changes.Count == 0)
        {
            // The same entries from a different file (a re-downloaded archive has new timestamps): no new version.
            return (previous, false);
        }

        var row = new ListVersionRow(list, (previous?.Version ?? 0) + 1, format, source, sourceHash, entries.Count,
            changes.Count(c => c.Change == "added"), changes.Count(c => c.Change == "removed"), changes.Count(c => c.Change == "changed"),
            at.UtcDateTime, actor);
        await connection.ExecuteAsync(new CommandDefinition(InsertVersion, row, transaction, cancellationToken: cancellationToken));
        await using (var writer = await connection.BeginBinaryImportAsync(
                         "COPY screening_list_entries (list, version, entry_id, content_hash, entry) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            long done = 0;
            foreach (var (entry, json, hash) in hashed)
            {
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(list, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(row.Version, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(entry.EntryId, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(hash, NpgsqlDbType.Bytea, cancellationToken);
                await writer.WriteAsync(json, NpgsqlDbType.Jsonb, cancellationToken);
                if (++done % 5000 == 0)
                {
                    progress?.Report((done, hashed.Count));
                }
            }

            await writer.CompleteAsync(cancellationToken);
            progress?.Report((done, hashed.Count));
        }

        if (changes.Count > 0)
        {
            await using var writer = await connection.BeginBinaryImportAsync(
                "COPY screening_list_changes (list, version, entry_id, change) FROM STDIN (FORMAT BINARY)", cancellationToken);
            foreach (var (entryId, change) in changes)
            {
                await writer.WriteRowAsync(cancellationToken, list, row.Version, entryId, change);
            }

            await writer.CompleteAsync(cancellationToken);
        }

        await audit.AppendAsync(connection, transaction, new AuditEvent(actor, "screening.list.imported", AuditOutcome.Success, "screening_list",
            $"{list}:{row.Version}", Detail: $"{format}, {entries.Count} entries, +{row.Added} -{row.Removed} ~{row.Changed}, sha256 {Convert.ToHexStringLower(sourceHash)}"),
            cancellationToken);
        // Every customer is screened again against the new version (CustomerRescreening), after this commits.
        await connection.ExecuteAsync(new CommandDefinition(QueueRescreen, new { Id = Guid.CreateVersion7(), Reason = $"{list}:{row.Version}", At = at },
            transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(Notify, new { Channel, Payload = $"{list}:{row.Version}" }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return (row, true);
    }

    /// <summary>A refused file is audited too: who tried to import what, and where it was wrong.</summary>
    public Task RecordRefusalAsync(string list, string format, string actor, string problem, CancellationToken cancellationToken) =>
        audit.AppendAsync(dataSource, new AuditEvent(actor, "screening.list.import_refused", AuditOutcome.Failure, "screening_list", list,
            Detail: $"{format}: {problem}"), cancellationToken);
}
