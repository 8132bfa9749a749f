using Compliance.Api.Audit;
using Compliance.Crypto;
using Dapper;
using Npgsql;

namespace Compliance.Api.Customers;

/// <summary>
/// Moves every customer's data key under the newest KEK version without touching encrypted data:
/// each key row is unwrapped with its recorded KEK version and wrapped again with the current one.
/// Batches are small transactions; a row is replaced only if it still names the KEK it was read
/// with, so the job runs safely beside live traffic and, stopped at any point, resumes by running
/// again.
/// </summary>
internal sealed class KeyRewrap(NpgsqlDataSource dataSource, CryptoServices crypto, AuditLog audit, TimeProvider time)
{
    private const int BatchSize = 200;

    private const string SelectBatch = """
        SELECT customer_id AS CustomerId, data_key_id AS DataKeyId, provider AS Provider, kek_id AS KekId,
               algorithm AS Algorithm, wrapped_key AS WrappedKey
        FROM customer_keys
        WHERE kek_id <> @Current AND customer_id > @After
        ORDER BY customer_id
        LIMIT @Limit
        """;

    private const string CountStale = "SELECT count(*) FROM customer_keys WHERE kek_id <> @Current";

    private const string Replace = """
        UPDATE customer_keys SET provider = @Provider, kek_id = @KekId, algorithm = @Algorithm, wrapped_key = @WrappedKey, rewrapped_at = @At
        WHERE customer_id = @CustomerId AND kek_id = @OldKekId
        """;

    private const string SelectStatus = "SELECT provider AS Provider, kek_id AS KekId, count(*) AS Count FROM customer_keys GROUP BY provider, kek_id ORDER BY kek_id";

    public async Task<int> RunAsync(string principal, IProgress<(long Done, long Total)> progress, CancellationToken cancellationToken)
    {
        var current = await crypto.Provider.GetCurrentKeyIdAsync(cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(CountStale, new { Current = current }, cancellationToken: cancellationToken));
        var done = 0;
        var after = "";
        progress.Report((0, total));
        while (true)
        {
            var batch = (await connection.QueryAsync<KeyRow>(new CommandDefinition(SelectBatch,
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
                    moved += await connection.ExecuteAsync(new CommandDefinition(Replace, new
                    {
                        Provider = rewrapped.ProviderName,
                        rewrapped.KekId,
                        rewrapped.Algorithm,
                        WrappedKey = rewrapped.Ciphertext.ToArray(),
                        At = time.GetUtcNow(),
                        row.CustomerId,
                        OldKekId = row.KekId,
                    }, transaction, cancellationToken: cancellationToken));
                }

                await audit.AppendAsync(connection, transaction,
                    new AuditEvent(principal, "keys.rewrapped", AuditOutcome.Success, "kek", current, Detail: $"data_keys={moved}"), cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                done += moved;
            }

            after = batch[^1].CustomerId;
            progress.Report((done, total));
        }

        return done;
    }

    /// <summary>How many data keys each KEK version wraps, with every version the provider knows.</summary>
    public async Task<IReadOnlyList<(string KekId, bool Current, long DataKeys)>> StatusAsync(CancellationToken cancellationToken)
    {
        var current = await crypto.Provider.GetCurrentKeyIdAsync(cancellationToken);
        var versions = await crypto.Provider.ListVersionsAsync(cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var counts = (await connection.QueryAsync<(string Provider, string KekId, long Count)>(new CommandDefinition(SelectStatus, cancellationToken: cancellationToken)))
            .ToDictionary(c => c.KekId, c => c.Count, StringComparer.Ordinal);
        var rows = versions.Select(v => (v.KeyId, v.KeyId == current, counts.GetValueOrDefault(v.KeyId))).ToList();

        // Keys wrapped by a KEK the current provider does not list (e.g. before a move to Key Vault).
        rows.AddRange(counts.Where(c => versions.All(v => v.KeyId != c.Key)).Select(c => (c.Key, false, c.Value)));
        return rows;
    }

    private sealed class KeyRow
    {
        public string CustomerId { get; init; } = "";

        public Guid DataKeyId { get; init; }

        public string Provider { get; init; } = "";

        public string KekId { get; init; } = "";

        public string Algorithm { get; init; } = "";

        public byte[] WrappedKey { get; init; } = [];

        public WrappedKey ToWrappedKey() => new(new DataKeyId(DataKeyId), CustomerId, Provider, KekId, Algorithm, WrappedKey);
    }
}
