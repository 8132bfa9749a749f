using Compliance.Api.Storage;
using Dapper;
using Npgsql;

namespace Compliance.Api.Audit;

/// <summary>Recomputes every chain of the audit log from its first row (see <see cref="ChainVerifier"/>).</summary>
internal sealed class AuditVerifier(NpgsqlDataSource dataSource)
{
    private const string SelectRows = $"SELECT {AuditRow.Columns} FROM audit_log ORDER BY chain, seq, id";

    public async Task<AuditVerification> VerifyAsync(IProgress<long>? progress, CancellationToken cancellationToken)
    {
        // Unbuffered: the log can be far larger than memory.
        var result = await ChainVerifier.VerifyAsync(dataSource, "audit-", "audit row", async (connection, transaction) =>
            (await connection.QueryAsync<AuditRow>(new CommandDefinition(SelectRows, transaction: transaction, flags: CommandFlags.None, cancellationToken: cancellationToken)))
                .Select(r => r.ToRecord())
                .Select(r => new ChainedRow(r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Chain, r.Seq, r.PrevHash, r.Hash,
                    AuditRecord.Canonical(r.Chain, r.Seq, r.OccurredAt, r.Event))),
            progress, cancellationToken);
        return new AuditVerification(result.Rows, result.Chains, result.BadRowId is { } id ? long.Parse(id, System.Globalization.CultureInfo.InvariantCulture) : null, result.Problem);
    }
}
