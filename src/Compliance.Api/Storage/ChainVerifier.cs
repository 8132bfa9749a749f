using System.Security.Cryptography;
using Dapper;
using Npgsql;

namespace Compliance.Api.Storage;

/// <summary>
/// Walks hash-chained rows in (chain, seq) order and checks each against its content and the row
/// before it, then each chain's end against <c>chain_heads</c>. A changed row fails its own hash; a
/// deleted or reordered row breaks the link of the row after it; rows cut from the end disagree
/// with the head.
/// </summary>
internal static class ChainVerifier
{
    private const string SelectHeads = "SELECT chain AS Chain, seq AS Seq, hash AS Hash FROM chain_heads WHERE chain LIKE @Prefix || '%'";

    /// <summary>
    /// Reads the heads and then the rows in one repeatable-read snapshot, so rows appended while it
    /// runs are neither half-seen nor reported as a mismatch.
    /// </summary>
    /// <param name="what">How a row is named in problems, e.g. "audit row" or "decision".</param>
    /// <param name="readRows">Streams the rows, ordered by chain then seq, inside the given transaction.</param>
    public static async Task<ChainVerification> VerifyAsync(
        NpgsqlDataSource dataSource, string chainPrefix, string what, Func<NpgsqlConnection, NpgsqlTransaction, Task<IEnumerable<ChainedRow>>> readRows,
        IProgress<long>? progress, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        var heads = (await connection.QueryAsync<(string Chain, long Seq, byte[] Hash)>(
            new CommandDefinition(SelectHeads, new { Prefix = chainPrefix }, transaction, cancellationToken: cancellationToken))).ToDictionary(h => h.Chain, StringComparer.Ordinal);
        var rows = await readRows(connection, transaction);
        var seen = new Dictionary<string, (long Seq, byte[] Hash)>(StringComparer.Ordinal);
        long count = 0;
        string? chain = null;
        long expectedSeq = 0;
        var previous = HashChain.Genesis.ToArray();
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (row.Chain != chain)
            {
                chain = row.Chain;
                expectedSeq = 1;
                previous = HashChain.Genesis.ToArray();
            }

            if (row.Seq != expectedSeq || !CryptographicOperations.FixedTimeEquals(row.PrevHash, previous))
            {
                return new(count, seen.Count, row.Id,
                    $"{what} {row.Id} (chain {row.Chain}, seq {row.Seq}) does not follow the row before it in its chain: a row was deleted, inserted or reordered before it");
            }

            if (!CryptographicOperations.FixedTimeEquals(HashChain.Next(previous, row.Canonical), row.Hash))
            {
                return new(count, seen.Count, row.Id, $"{what} {row.Id} (chain {row.Chain}, seq {row.Seq}) does not match its hash: its content was changed");
            }

            previous = row.Hash;
            seen[row.Chain] = (row.Seq, row.Hash);
            expectedSeq++;
            if (++count % 10_000 == 0)
            {
                progress?.Report(count);
            }
        }

        foreach (var (name, head) in heads)
        {
            var last = seen.TryGetValue(name, out var l) ? l : (Seq: 0L, Hash: HashChain.Genesis.ToArray());
            if (head.Seq != last.Seq || !CryptographicOperations.FixedTimeEquals(head.Hash, last.Hash))
            {
                return new(count, seen.Count, null,
                    $"chain {name} ends at seq {last.Seq} but its head records seq {head.Seq}: rows were deleted from its end or the head was altered");
            }
        }

        return seen.Keys.FirstOrDefault(n => !heads.ContainsKey(n)) is { } headless
            ? new(count, seen.Count, null, $"chain {headless} has rows but no head: the head was deleted")
            : new(count, seen.Count, null, null);
    }
}
