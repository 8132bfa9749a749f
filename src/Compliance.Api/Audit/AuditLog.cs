using Compliance.Api.Storage;
using Dapper;
using Npgsql;

namespace Compliance.Api.Audit;

/// <summary>
/// Appends audit events inside the caller's transaction, so the event and the change it records
/// commit together or not at all. Events spread over <see cref="ChainCount"/> chains by subject.
/// </summary>
internal sealed class AuditLog(TimeProvider time)
{
    public const int ChainCount = 8;

    private const string Insert = """
        INSERT INTO audit_log (chain, seq, occurred_at, principal, action, subject_type, subject, fields, purpose, outcome, request_id, detail, prev_hash, hash)
        VALUES (@Chain, @Seq, @OccurredAt, @Principal, @Action, @SubjectType, @Subject, @Fields, @Purpose, @Outcome, @RequestId, @Detail, @PrevHash, @Hash)
        RETURNING id
        """;

    public async Task<long> AppendAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, AuditEvent e, CancellationToken cancellationToken)
    {
        var chain = ChainFor(e.Subject ?? e.Principal);
        var head = await HashChain.LockHeadAsync(connection, transaction, chain, cancellationToken);
        var seq = head.Seq + 1;
        var at = CanonicalWriter.ToMicroseconds(time.GetUtcNow());
        var hash = HashChain.Next(head.Hash, AuditRecord.Canonical(chain, seq, at, e));
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(Insert, new
        {
            Chain = chain,
            Seq = seq,
            OccurredAt = at,
            e.Principal,
            e.Action,
            e.SubjectType,
            e.Subject,
            Fields = (e.Fields ?? []).ToArray(),
            e.Purpose,
            e.Outcome,
            e.RequestId,
            e.Detail,
            PrevHash = head.Hash,
            Hash = hash,
        }, transaction, cancellationToken: cancellationToken));
        await HashChain.AdvanceAsync(connection, transaction, chain, seq, hash, cancellationToken);
        return id;
    }

    /// <summary>Appends one event in a transaction of its own (for events that record no other change, such as a read).</summary>
    public async Task<long> AppendAsync(NpgsqlDataSource dataSource, AuditEvent e, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var id = await AppendAsync(connection, transaction, e, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    internal static string ChainFor(string key) => $"audit-{HashChain.Shard(key, ChainCount)}";
}
