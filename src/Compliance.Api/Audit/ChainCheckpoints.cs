using Compliance.Api.Storage;
using Dapper;
using Npgsql;

namespace Compliance.Api.Audit;

/// <summary>
/// Checkpoints of every chain head, written into the audit log. A chain's own links cannot show
/// that rows were cut from its end if the head row is rewound as well; a checkpoint recorded
/// earlier (itself chained in the audit log) still names the seq and hash the chain had reached.
/// </summary>
internal sealed class ChainCheckpoints(NpgsqlDataSource dataSource, AuditLog audit)
{
    public const string Action = "chains.checkpoint";

    private const string SelectHeads = "SELECT chain, seq, hash FROM chain_heads WHERE seq > 0 ORDER BY chain";

    private const string SelectCheckpoints = "SELECT id, detail FROM audit_log WHERE action = 'chains.checkpoint' ORDER BY id";

    private const string SelectRowHash = """
        SELECT hash FROM audit_log WHERE chain = @Chain AND seq = @Seq
        UNION ALL
        SELECT hash FROM decisions WHERE chain = @Chain AND seq = @Seq
        """;

    /// <summary>Records the current heads (as read before this event is appended).</summary>
    public async Task<int> WriteAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var heads = (await connection.QueryAsync<(string Chain, long Seq, byte[] Hash)>(
            new CommandDefinition(SelectHeads, transaction: transaction, cancellationToken: cancellationToken))).ToList();
        var detail = string.Join(';', heads.Select(h => $"{h.Chain}:{h.Seq}:{Convert.ToHexStringLower(h.Hash)}"));
        await audit.AppendAsync(connection, transaction, new AuditEvent("system", Action, AuditOutcome.Success, "chain_heads", "all", Detail: detail), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return heads.Count;
    }

    /// <summary>The first checkpointed head that no longer matches its row, or null when all do.</summary>
    public async Task<string?> VerifyAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var checkpoints = await connection.QueryAsync<(long Id, string? Detail)>(new CommandDefinition(SelectCheckpoints, cancellationToken: cancellationToken));
        foreach (var (id, detail) in checkpoints)
        {
            foreach (var entry in (detail ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = entry.Split(':');
                var seq = long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
                var hash = await connection.QuerySingleOrDefaultAsync<byte[]>(new CommandDefinition(SelectRowHash, new { Chain = parts[0], Seq = seq }, cancellationToken: cancellationToken));
                if (hash is null || !Convert.ToHexStringLower(hash).Equals(parts[2], StringComparison.Ordinal))
                {
                    return $"checkpoint {id} recorded chain {parts[0]} at seq {seq}, but that row is {(hash is null ? "gone" : "different")}: rows were cut from the chain's end or rewritten";
                }
            }
        }

        return null;
    }
}
