using System.Security.Cryptography;
using Dapper;
using Npgsql;

namespace Compliance.Api.Storage;

/// <summary>
/// Hash chains over append-only tables: each row stores <c>sha256(prev_hash || canonical content)</c>,
/// and <c>chain_heads</c> remembers each chain's last sequence number and hash. Appending locks only
/// the head of one chain until the transaction ends, so tables that spread rows over many chains
/// (per shard, per customer) never serialize all writers behind one lock.
/// </summary>
internal static class HashChain
{
    public const int HashSize = 32;

    private static readonly byte[] GenesisHash = new byte[HashSize];

    // ON CONFLICT DO UPDATE both creates a missing head and row-locks an existing one, in one trip.
    private const string LockHead = """
        INSERT INTO chain_heads (chain, seq, hash) VALUES (@Chain, 0, @Genesis)
        ON CONFLICT (chain) DO UPDATE SET chain = EXCLUDED.chain
        RETURNING seq AS Seq, hash AS Hash
        """;

    private const string Advance = "UPDATE chain_heads SET seq = @Seq, hash = @Hash WHERE chain = @Chain";

    /// <summary>The previous hash of a chain's first row.</summary>
    public static ReadOnlySpan<byte> Genesis => GenesisHash;

    /// <summary>Locks the head of <paramref name="chain"/> for the rest of the transaction and returns it.</summary>
    public static async Task<ChainHead> LockHeadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string chain, CancellationToken cancellationToken) =>
        await connection.QuerySingleAsync<ChainHead>(new CommandDefinition(
            LockHead, new { Chain = chain, Genesis = GenesisHash }, transaction, cancellationToken: cancellationToken));

    public static Task AdvanceAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string chain, long seq, byte[] hash, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(Advance, new { Chain = chain, Seq = seq, Hash = hash }, transaction, cancellationToken: cancellationToken));

    /// <summary>
    /// A stable shard number for <paramref name="key"/> (FNV-1a; string.GetHashCode is randomized per
    /// process, and every instance and version must agree on where a row's chain is).
    /// </summary>
    public static int Shard(string key, int shards)
    {
        var hash = 2166136261u;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % (uint)shards);
    }

    public static byte[] Next(ReadOnlySpan<byte> previous, ReadOnlySpan<byte> canonical)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(previous);
        sha.AppendData(canonical);
        return sha.GetHashAndReset();
    }

    /// <summary>A chain's last sequence number (0 when empty) and hash.</summary>
    internal sealed record ChainHead(long Seq, byte[] Hash);
}
