using Compliance.Api.Storage;
using Dapper;
using Npgsql;

namespace Compliance.Api.Checks;

/// <summary>Recomputes every decision chain (see <see cref="ChainVerifier"/>), for <c>audit verify</c>.</summary>
internal sealed class DecisionVerifier(NpgsqlDataSource dataSource)
{
    private const string SelectRows = """
        SELECT transaction_id AS TransactionId, customer_id AS CustomerId, request_hash AS RequestHash, request AS Request, facts AS Facts,
               response AS Response, decided_at AS DecidedAt, chain AS Chain, seq AS Seq, prev_hash AS PrevHash, hash AS Hash
        FROM decisions ORDER BY chain, seq
        """;

    public async Task<ChainVerification> VerifyAsync(IProgress<long>? progress, CancellationToken cancellationToken)
    {
        return await ChainVerifier.VerifyAsync(dataSource, DecisionChain.Prefix, "decision", async (connection, transaction) =>
            (await connection.QueryAsync<Row>(new CommandDefinition(SelectRows, transaction: transaction, flags: CommandFlags.None, cancellationToken: cancellationToken)))
                .Select(r => new ChainedRow(r.TransactionId, r.Chain, r.Seq, r.PrevHash, r.Hash, DecisionChain.Canonical(
                    r.Chain, r.Seq, r.TransactionId, r.CustomerId, r.RequestHash, r.Request, r.Facts, r.Response, new DateTimeOffset(r.DecidedAt, TimeSpan.Zero)))),
            progress, cancellationToken);
    }

    private sealed class Row
    {
        public string TransactionId { get; init; } = "";

        public string CustomerId { get; init; } = "";

        public byte[] RequestHash { get; init; } = [];

        public string Request { get; init; } = "";

        public string Facts { get; init; } = "";

        public string Response { get; init; } = "";

        public DateTime DecidedAt { get; init; }

        public string Chain { get; init; } = "";

        public long Seq { get; init; }

        public byte[] PrevHash { get; init; } = [];

        public byte[] Hash { get; init; } = [];
    }
}
