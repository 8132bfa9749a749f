using Compliance.Api.Audit;
using Dapper;

namespace Compliance.Api.Customers;

internal sealed partial class CustomerStore
{
    private const string LockForErasure = """
        SELECT c.pii_erased_at AS ErasedAt, k.data_key_id AS DataKeyId
        FROM customers c LEFT JOIN customer_keys k ON k.customer_id = c.id
        WHERE c.id = @Id
        FOR UPDATE OF c
        """;

    // The key row is what makes the ciphertext readable: deleting it is the erasure. The envelopes
    // and blind indexes go too, so nothing of the person is left to correlate.
    private const string Shred = """
        DELETE FROM customer_keys WHERE customer_id = @Id;
        DELETE FROM customer_pii WHERE customer_id = @Id;
        DELETE FROM customer_blind_indexes WHERE customer_id = @Id;
        DELETE FROM customer_company_lookups WHERE customer_id = @Id;
        UPDATE customers SET pii_erased_at = @At WHERE id = @Id;
        """;

    private const string SelectByIndex = "SELECT customer_id FROM customer_blind_indexes WHERE field = @Field AND value = @Value ORDER BY customer_id";

    public async Task<ErasureOutcome> EraseAsync(string id, string principal, string reason, string? requestId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(DateTime? ErasedAt, Guid? DataKeyId)?>(
            new CommandDefinition(LockForErasure, new { Id = id }, transaction, cancellationToken: cancellationToken));
        if (row is null)
        {
            return ErasureOutcome.NotFound;
        }

        if (row.Value.ErasedAt is not null)
        {
            return ErasureOutcome.AlreadyErased;
        }

        await connection.ExecuteAsync(new CommandDefinition(Shred, new { Id = id, At = time.GetUtcNow() }, transaction, cancellationToken: cancellationToken));
        if (row.Value.DataKeyId is { } erasedKey)
        {
            // Every instance evicts the key from its cache when this commits (DataKeyEvictions).
            await connection.ExecuteAsync(new CommandDefinition(DataKeyEvictions.Notify, new { DataKeyId = erasedKey }, transaction, cancellationToken: cancellationToken));
        }

        await audit.AppendAsync(connection, transaction,
            new AuditEvent(principal, "customer.pii.erased", AuditOutcome.Success, "customer", id, PiiField.All, reason, requestId,
                $"data_key={row.Value.DataKeyId}"),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (row.Value.DataKeyId is { } dataKeyId)
        {
            // This instance at once, not a notification's round trip later.
            crypto.Cache.Remove(new Compliance.Crypto.DataKeyId(dataKeyId));
        }

        return ErasureOutcome.Erased;
    }

    /// <summary>Customers whose <paramref name="field"/> has this value, found by blind index: nothing is decrypted.</summary>
    public async Task<IReadOnlyList<string>> SearchAsync(string field, string value, string principal, string? requestId, CancellationToken cancellationToken)
    {
        var index = crypto.BlindIndexer.Compute(PiiColumns.IndexOf[field], value);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var ids = (await connection.QueryAsync<string>(new CommandDefinition(SelectByIndex, new { Field = field, Value = index }, transaction, cancellationToken: cancellationToken))).ToList();
        await audit.AppendAsync(connection, transaction,
            new AuditEvent(principal, "customer.search", AuditOutcome.Success, "customer", null, [field], RequestId: requestId, Detail: $"matches={ids.Count}"),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ids;
    }

    /// <summary>Records a read of a customer's data, or a refused attempt, in a transaction of its own.</summary>
    public Task RecordAccessAsync(AuditEvent e, CancellationToken cancellationToken) => audit.AppendAsync(dataSource, e, cancellationToken);
}
