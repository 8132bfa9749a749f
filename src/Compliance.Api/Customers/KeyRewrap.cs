using Compliance.Api.Audit;
using Compliance.Crypto;
using Dapper;
using Npgsql;

namespace Compliance.Api.Customers;

/// <summary>
/// Moves every data key (customers', webhook endpoints' and the console's Data Protection keys') under the newest KEK version without
/// touching encrypted data: each key row is unwrapped with its recorded KEK version and wrapped again
/// with the current one. Batches are small transactions; a row is replaced only if it still names the
/// KEK it was read with, so the job runs safely beside live traffic and, stopped at any point, resumes
/// by running again.
/// </summary>
internal sealed class KeyRewrap(NpgsqlDataSource dataSource, CryptoServices crypto, AuditLog audit, TimeProvider time)
{
    private const int BatchSize = 200;

    // Each table that holds wrapped data keys, read as (Id, Subject, key columns); Subject is what the key is bound to.
    private static readonly KeyTable[] Tables =
    [
        new("customer_keys", "customer_id", "customer_id", "provider", "rewrapped_at"),
        new("webhook_endpoints", "key_id::text", "'webhook:' || replace(key_id::text, '-', '')", "kek_provider", "updated_at"),
        new("data_protection_keys", "id::text", "'dataprotection:' || replace(id::text, '-', '')", "kek_provider", "rewrapped_at"),
    ];

    private const string SelectStatus = """
        SELECT kek_id AS KekId, count(*) AS Count
        FROM (SELECT kek_id FROM customer_keys UNION ALL SELECT kek_id FROM webhook_endpoints UNION ALL SELECT kek_id FROM data_protection_keys) AS keys
        GROUP BY kek_id ORDER BY kek_id
        """;

    public async Task<int> RunAsync(string principal, IProgress<(long Done, long Total)> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var current = await crypto.Provider.GetCurrentKeyIdAsync(cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        long total = 0;
        foreach (var table in Tables)
        {
            total += await connection.ExecuteScalarAsync<long>(new CommandDefinition(table.CountStale, new { Current = current }, cancellationToken: cancellationToken));
        }

        var done = 0;
        progress.Report((0, total));
        foreach (var table in Tables)
        {
            var after = "";
            while (true)
            {
                var batch = (await connection.QueryAsync<KeyRow>(new CommandDefinition(table.SelectBatch,
                    new { Current = current, After = after, Limit = BatchSize }, cancellationToken: cancellationToken))).ToList();
                if (batch.Count == 0)
                {
                    break;
                }

                await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
                {
                    var moved = 0;
                    foreach (var row in batch)
                    {
                        var rewrapped = await crypto.DataKeys.RewrapAsync(row.ToWrappedKey(), cancellationToken);
                        moved += await connection.ExecuteAsync(new CommandDefinition(table.Replace, new
                        {
                            Provider = rewrapped.ProviderName,
                            rewrapped.KekId,
                            rewrapped.Algorithm,
                            WrappedKey = rewrapped.Ciphertext.ToArray(),
                            At = time.GetUtcNow(),
                            row.Id,
                            OldKekId = row.KekId,
                        }, transaction, cancellationToken: cancellationToken));
                    }

                    await audit.AppendAsync(connection, transaction,
                        new AuditEvent(principal, "keys.rewrapped", AuditOutcome.Success, "kek", current, Detail: $"table={table.Name}; data_keys={moved}"), cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                    done += moved;
                }

                after = batch[^1].Id;
                progress.Report((done, total));
            }
        }

        return done;
    }

    /// <summary>How many data keys each KEK version wraps, with every version the provider knows.</summary>
    public async Task<IReadOnlyList<(string KekId, bool Current, long DataKeys)>> StatusAsync(CancellationToken cancellationToken)
    {
        var current = await crypto.Provider.GetCurrentKeyIdAsync(cancellationToken);
        var versions = await crypto.Provider.ListVersionsAsync(cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var counts = (await connection.QueryAsync<(string KekId, long Count)>(new CommandDefinition(SelectStatus, cancellationToken: cancellationToken)))
            .ToDictionary(c => c.KekId, c => c.Count, StringComparer.Ordinal);
        var rows = versions.Select(v => (v.KeyId, v.KeyId == current, counts.GetValueOrDefault(v.KeyId))).ToList();

        // Keys wrapped by a KEK the current provider does not list (e.g. before a move to Key Vault).
        rows.AddRange(counts.Where(c => versions.All(v => v.KeyId != c.Key)).Select(c => (c.Key, false, c.Value)));
        return rows;
    }

    /// <summary>A table of wrapped data keys: how to find its rows wrapped by an older KEK, and replace their key.</summary>
    private sealed record KeyTable(string Name, string IdColumn, string SubjectColumn, string ProviderColumn, string StampColumn)
    {
        public string SelectBatch => $"""
            SELECT {IdColumn} AS Id, {SubjectColumn} AS Subject, data_key_id AS DataKeyId, {ProviderColumn} AS Provider, kek_id AS KekId,
                   algorithm AS Algorithm, wrapped_key AS WrappedKey
            FROM {Name}
            WHERE kek_id <> @Current AND {IdColumn} > @After
            ORDER BY {IdColumn}
            LIMIT @Limit
            """;

        public string CountStale => $"SELECT count(*) FROM {Name} WHERE kek_id <> @Current";

        public string Replace => $"""
            UPDATE {Name} SET {ProviderColumn} = @Provider, kek_id = @KekId, algorithm = @Algorithm, wrapped_key = @WrappedKey, {StampColumn} = @At
            WHERE {IdColumn} = @Id AND kek_id = @OldKekId
            """;
    }

    private sealed class KeyRow
    {
        public string Id { get; init; } = "";

        public string Subject { get; init; } = "";

        public Guid DataKeyId { get; init; }

        public string Provider { get; init; } = "";

        public string KekId { get; init; } = "";

        public string Algorithm { get; init; } = "";

        public byte[] WrappedKey { get; init; } = [];

        public WrappedKey ToWrappedKey() => new(new DataKeyId(DataKeyId), Subject, Provider, KekId, Algorithm, WrappedKey);
    }
}
