using Compliance.Api.Audit;
using Compliance.Crypto;
using Dapper;

namespace Compliance.Api.Customers;

/// <summary>How an update ended; <see cref="Changed"/> names the fields it changed (PII fields by name, never values).</summary>
internal sealed record CustomerUpdate(ErasureOutcome? Refused, CustomerRecord? Customer, IReadOnlyList<string> Changed);

internal sealed partial class CustomerStore
{
    private const string LockCustomer = $"{SelectCustomer} FOR UPDATE OF c";

    private const string UpdateAttributes = """
        UPDATE customers SET country = coalesce(@Country, country), risk_rating = coalesce(@RiskRating, risk_rating),
                             pep = coalesce(@Pep, pep), segment = coalesce(@Segment, segment)
        WHERE id = @Id
        """;

    private const string DeleteIndexes = "DELETE FROM customer_blind_indexes WHERE customer_id = @CustomerId AND field = ANY(@Fields)";

    /// <summary>
    /// Replaces the fields the request gives, in one transaction with its audit event: PII re-encrypted
    /// under the customer's own data key (its use count moving with it) and its blind indexes
    /// recomputed. Refused for an unknown customer (NotFound) or one whose PII was erased (AlreadyErased).
    /// </summary>
    public async Task<CustomerUpdate> UpdateAsync(string id, UpdateCustomerRequest request, string principal, string? requestId, CancellationToken cancellationToken)
    {
        var pii = Pii(request.AsCreate());
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<CustomerRow>(new CommandDefinition(LockCustomer, new { Id = id }, transaction, cancellationToken: cancellationToken));
        if (row is null)
        {
            return new CustomerUpdate(ErasureOutcome.NotFound, null, []);
        }

        var before = row.ToRecord();
        if (before.Key is not { } key)
        {
            return new CustomerUpdate(ErasureOutcome.AlreadyErased, null, []);
        }

        if (pii.Count > 0)
        {
            var encryptions = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "UPDATE customer_keys SET encryptions = encryptions + @Count WHERE customer_id = @CustomerId RETURNING encryptions - @Count",
                new { CustomerId = id, pii.Count }, transaction, cancellationToken: cancellationToken));
            var columns = new DynamicParameters(new { CustomerId = id });
            using (var lease = await crypto.DataKeys.LeaseAsync(key, encryptions, cancellationToken))
            {
                foreach (var (field, value) in pii)
                {
                    columns.Add(PiiColumns.ColumnOf[field], FieldEncryptor.Encrypt(lease.Key, value, PiiColumns.Context(field, id)), System.Data.DbType.Binary);
                }
            }

            // Column names come from PiiColumns, never from the request.
            var set = string.Join(", ", pii.Keys.Select(f => $"{PiiColumns.ColumnOf[f]} = @{PiiColumns.ColumnOf[f]}"));
            await connection.ExecuteAsync(new CommandDefinition($"UPDATE customer_pii SET {set} WHERE customer_id = @CustomerId", columns, transaction,
                cancellationToken: cancellationToken));
            var indexes = pii.Where(p => PiiColumns.IndexOf.ContainsKey(p.Key))
                .Select(p => (Field: p.Key, Value: crypto.BlindIndexer.Compute(PiiColumns.IndexOf[p.Key], p.Value)))
                .ToList();
            if (indexes.Count > 0)
            {
                var fields = indexes.Select(i => i.Field).ToArray();
                await connection.ExecuteAsync(new CommandDefinition(DeleteIndexes, new { CustomerId = id, Fields = fields }, transaction, cancellationToken: cancellationToken));
                await connection.ExecuteAsync(new CommandDefinition(InsertIndexes, new { CustomerId = id, Fields = fields, Values = indexes.Select(i => i.Value).ToArray() },
                    transaction, cancellationToken: cancellationToken));
            }
        }

        await connection.ExecuteAsync(new CommandDefinition(UpdateAttributes, new { Id = id, request.Country, request.RiskRating, request.Pep, request.Segment },
            transaction, cancellationToken: cancellationToken));
        var changed = pii.Keys.Concat(new (string Field, object? Value)[]
        {
            ("country", request.Country), ("riskRating", request.RiskRating), ("pep", request.Pep), ("segment", request.Segment),
        }.Where(a => a.Value is not null).Select(a => a.Field)).ToList();
        await audit.AppendAsync(connection, transaction,
            new AuditEvent(principal, "customer.updated", AuditOutcome.Success, "customer", id, changed, RequestId: requestId), cancellationToken);
        var after = (await connection.QuerySingleAsync<CustomerRow>(new CommandDefinition(SelectCustomer, new { Id = id }, transaction, cancellationToken: cancellationToken))).ToRecord();
        await transaction.CommitAsync(cancellationToken);
        return new CustomerUpdate(null, after, changed);
    }
}
