using System.Security.Cryptography;
using System.Text;
using Dapper;
using Npgsql;

namespace Compliance.Api.Checks;

/// <summary>
/// Checks and their outcomes. A check is decided and stored by <see cref="CheckWriter"/>, in the
/// customer's turn; the rest reads and updates stored decisions.
/// </summary>
internal sealed class CheckStore(NpgsqlDataSource dataSource, CustomerTurns turns, CheckWriter writer)
{
    /// <summary>
    /// Decides the check in a transaction that holds the customer's lock from before its facts are
    /// read until its decision, its chain link and its velocity entry are committed.
    /// <paramref name="decide"/> runs in between; the answer comes after COMMIT. Checks of one
    /// customer take turns here first, so a burst on one customer does not fill batches or the pool
    /// with checks that would only wait on each other's lock.
    /// </summary>
    public async Task<CheckResult> DecideAsync(CheckInput input, Func<FactsRead, ValueTask<Decided>> decide, CancellationToken cancellationToken)
    {
        using var turn = await turns.WaitAsync(input.CustomerId, cancellationToken);
        return await writer.WriteAsync(input, decide, cancellationToken);
    }

    private const string SelectDecision = """
        SELECT response AS Response, request AS Request, facts AS Facts, outcome AS Outcome, outcome_at AS OutcomeAt,
               final_decision AS FinalDecision, finalized_at AS FinalizedAt,
               (SELECT case_id FROM case_items WHERE item_kind = 'decision' AND ref = @TransactionId LIMIT 1) AS CaseId
        FROM decisions WHERE transaction_id = @TransactionId
        """;

    private const string LockDecision = "SELECT customer_id AS CustomerId, decision AS Decision, outcome AS Outcome FROM decisions WHERE transaction_id = @TransactionId FOR UPDATE";

    private const string SetOutcome = """
        UPDATE decisions SET outcome = @Outcome, outcome_at = @At WHERE transaction_id = @TransactionId;
        UPDATE velocity_entries SET counted = @Counted WHERE transaction_id = @TransactionId;
        """;

    public async Task<StoredDecisionRow?> FindAsync(string transactionId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<StoredDecisionRow>(new CommandDefinition(SelectDecision, new { TransactionId = transactionId }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Records what the payment system reports happened. Reversed and failed transactions stop
    /// counting towards velocity. Allowed changes: none → any; completed → reversed; the same again.
    /// </summary>
    public async Task<OutcomeResult> RecordOutcomeAsync(
        string transactionId, string outcome, string principal, string? requestId, Audit.AuditLog audit, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(string CustomerId, string Decision, string? Outcome)?>(
            new CommandDefinition(LockDecision, new { TransactionId = transactionId }, transaction, cancellationToken: cancellationToken));
        if (row is not { } current)
        {
            return OutcomeResult.NotFound;
        }

        if (current.Outcome == outcome)
        {
            return OutcomeResult.Unchanged;
        }

        if (current.Outcome is not null && !(current.Outcome == "completed" && outcome == "reversed"))
        {
            return OutcomeResult.NotAllowed;
        }

        await connection.ExecuteAsync(new CommandDefinition(SetOutcome,
            new { TransactionId = transactionId, Outcome = outcome, At = at, Counted = outcome == "completed" }, transaction, cancellationToken: cancellationToken));
        await audit.AppendAsync(connection, transaction,
            new Audit.AuditEvent(principal, "check.outcome", Audit.AuditOutcome.Success, "transaction", transactionId, RequestId: requestId,
                Detail: $"{current.Outcome ?? "none"}->{outcome}"),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return OutcomeResult.Recorded;
    }

    // A 64-bit key per customer for pg_advisory_xact_lock; a collision only serializes two customers.
    // Whatever else opens a case for a customer takes it too (CaseOpener).
    internal static long LockKey(string customerId) =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes("check-customer:" + customerId)), 0);
}
