using System.Security.Cryptography;
using Compliance.Api.Storage;
using Dapper;
using Npgsql;

namespace Compliance.Api.Audit;

/// <summary>
/// Recomputes every chain of the audit log from its first row: each row's hash must match its
/// content and previous hash, sequence numbers must run without gaps, and each chain must end where
/// its head says. A changed row fails its own hash; a deleted or reordered row breaks the link of
/// the row after it; rows deleted at the end disagree with the head.
/// </summary>
internal sealed class AuditVerifier(NpgsqlDataSource dataSource)
{
    private const string SelectRows = $"SELECT {AuditRow.Columns} FROM audit_log ORDER BY chain, seq, id";

    private const string SelectHeads = "SELECT chain AS Chain, seq AS Seq, hash AS Hash FROM chain_heads WHERE chain LIKE 'audit-%'";

    public async Task<AuditVerification> VerifyAsync(IProgress<long>? progress, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var heads = (await connection.QueryAsync<Head>(new CommandDefinition(SelectHeads, cancellationToken: cancellationToken)))
            .ToDictionary(h => h.Chain, StringComparer.Ordinal);
        var seen = new Dictionary<string, (long Seq, byte[] Hash)>(StringComparer.Ordinal);
        long rows = 0;
        string? chain = null;
        long expectedSeq = 0;
        byte[] previous = HashChain.Genesis.ToArray();

        // Unbuffered: the log can be far larger than memory.
        var reader = await connection.QueryAsync<AuditRow>(new CommandDefinition(SelectRows, flags: CommandFlags.None, cancellationToken: cancellationToken));
        foreach (var row in reader)
        {
            if (row.Chain != chain)
            {
                chain = row.Chain;
                expectedSeq = 1;
                previous = HashChain.Genesis.ToArray();
            }

            var record = row.ToRecord();
            if (row.Seq != expectedSeq || !CryptographicOperations.FixedTimeEquals(row.PrevHash, previous))
            {
                return Fail(rows, seen.Count, row.Id,
                    $"audit row {row.Id} (chain {row.Chain}, seq {row.Seq}) does not follow the row before it in its chain: a row was deleted, inserted or reordered before it");
            }

            var expected = HashChain.Next(previous, AuditRecord.Canonical(record.Chain, record.Seq, record.OccurredAt, record.Event));
            if (!CryptographicOperations.FixedTimeEquals(expected, row.Hash))
            {
                return Fail(rows, seen.Count, row.Id, $"audit row {row.Id} (chain {row.Chain}, seq {row.Seq}) does not match its hash: its content was changed");
            }

            previous = row.Hash;
            seen[row.Chain] = (row.Seq, row.Hash);
            expectedSeq++;
            rows++;
            if (rows % 10_000 == 0)
            {
                progress?.Report(rows);
            }
        }

        foreach (var (name, head) in heads)
        {
            var last = seen.TryGetValue(name, out var l) ? l : (Seq: 0L, Hash: HashChain.Genesis.ToArray());
            if (head.Seq != last.Seq || !CryptographicOperations.FixedTimeEquals(head.Hash, last.Hash))
            {
                return Fail(rows, seen.Count, null,
                    $"chain {name} ends at seq {last.Seq} but its head records seq {head.Seq}: rows were deleted from its end or the head was altered");
            }
        }

        if (seen.Keys.FirstOrDefault(n => !heads.ContainsKey(n)) is { } headless)
        {
            return Fail(rows, seen.Count, null, $"chain {headless} has rows but no head: the head was deleted");
        }

        return new AuditVerification(rows, seen.Count, null, null);
    }

    private static AuditVerification Fail(long rows, int chains, long? rowId, string problem) => new(rows, chains, rowId, problem);

    private sealed record Head(string Chain, long Seq, byte[] Hash);
}
