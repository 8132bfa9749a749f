using Compliance.Api.Audit;
using Compliance.Api.Checks;
using Dapper;
using Npgsql;

namespace Compliance.Api.Disputes;

/// <summary>What opening a dispute came to.</summary>
internal enum DisputeOpenStatus
{
    Opened,

    /// <summary>The same dispute id and body again: the dispute as it is now.</summary>
    Replayed,

    /// <summary>The dispute id was used with a different body.</summary>
    Conflict,
    TransactionNotFound,

    /// <summary>The transaction cannot be disputed (see the detail), or already has an open dispute.</summary>
    NotDisputable,

    /// <summary>A field does not fit the transaction (amount, currency).</summary>
    Invalid,
}

internal sealed record DisputeOpenResult(DisputeOpenStatus Status, DisputeRow? Dispute = null, string? Field = null, string? Detail = null);

/// <summary>The disputed transaction as recorded with its check, and the customer's dispute history, read under the customer's lock.</summary>
internal sealed record DisputedTransaction(
    string TransactionId, string CustomerId, string Decision, string? FinalDecision, string? Outcome, string Facts, decimal AcceptedAmount, int Prior90Days,
    int PriorAccepted90Days);

/// <summary>A new dispute, decided: the row to insert and its case's routing.</summary>
internal sealed record NewDispute(DisputeRow Row, string Inbox, short Priority, DateTimeOffset CaseDueAt);

/// <summary>
/// Disputes in PostgreSQL. Opening one reads the transaction and the customer's disputes, decides,
/// and stores the dispute, its case and audit event (and, for an automatic answer, the answer) in one
/// transaction under the customer's check lock.
/// </summary>
internal sealed class DisputeStore(NpgsqlDataSource dataSource, AuditLog audit)
{
    private const string CustomerOf = "SELECT customer_id FROM decisions WHERE transaction_id = @TransactionId";

    private const string Lock = "SELECT pg_advisory_xact_lock(@LockKey)";

    private const string ById = $"SELECT {DisputeResolution.Columns} FROM disputes WHERE dispute_id = @DisputeId";

    private const string ByCase = $"SELECT {DisputeResolution.Columns} FROM disputes WHERE case_id = @CaseId";

    private const string Transaction = """
        SELECT d.transaction_id AS TransactionId, d.customer_id AS CustomerId, d.decision AS Decision, d.final_decision AS FinalDecision, d.outcome AS Outcome,
               d.facts AS Facts,
               (SELECT coalesce(sum(amount), 0) FROM disputes WHERE transaction_id = d.transaction_id AND state = 'accepted') AS AcceptedAmount,
               (SELECT count(*) FROM disputes WHERE customer_id = d.customer_id AND opened_at > @Since)::int AS Prior90Days,
               (SELECT count(*) FROM disputes WHERE customer_id = d.customer_id AND opened_at > @Since AND state = 'accepted')::int AS PriorAccepted90Days
        FROM decisions d WHERE d.transaction_id = @TransactionId
        FOR UPDATE OF d
        """;

    private const string OpenForTransaction = "SELECT dispute_id FROM disputes WHERE transaction_id = @TransactionId AND resolved_at IS NULL";

    private const string InsertCase = """
        INSERT INTO cases (id, kind, customer_id, inbox, state, resolution, resolution_reason, priority, reason_codes, opened_at, updated_at, due_at, closed_at)
        VALUES (@CaseId, 'dispute', @CustomerId, @Inbox, @State, @Resolution, @ResolutionReason, @Priority, @ReasonCodes, @At, @At, @DueAt, @ClosedAt);
        INSERT INTO case_items (case_id, item_kind, ref, reason_codes, added_at) VALUES (@CaseId, 'dispute', @DisputeId, @ReasonCodes, @At);
        """;

    private const string Insert = """
        INSERT INTO disputes (dispute_id, transaction_id, customer_id, client_key_id, request_hash, kind, reason, amount, currency, amount_base, transaction_amount,
                              state, step, reasons, facts, rule_set, rule_set_version, on_evidence_missed, case_id, evidence_due_at, opened_at)
        VALUES (@DisputeId, @TransactionId, @CustomerId, @ClientKeyId, @RequestHash, @Kind, @Reason, @Amount, @Currency, @AmountBase, @TransactionAmount,
                @State, @Step, @Reasons, @Facts, @RuleSet, @RuleSetVersion, @OnEvidenceMissed, @CaseId, @EvidenceDueAt, @OpenedAt)
        """;

    private const string Evidence = $"""
        UPDATE disputes SET state = 'in_review', evidence_at = @At WHERE dispute_id = @DisputeId
        RETURNING {DisputeResolution.Columns}
        """;

    private const string CaseDue = "UPDATE cases SET due_at = @DueAt, updated_at = @At WHERE id = @CaseId AND state <> 'closed'";

    private const string CloseCase = """
        UPDATE cases SET state = 'closed', resolution = @Resolution, resolution_reason = @Reason, closed_at = @At, updated_at = @At,
                         reason_codes = ARRAY(SELECT DISTINCT code FROM unnest(reason_codes || @ReasonCodes) AS code ORDER BY code)
        WHERE id = @CaseId AND state <> 'closed'
        """;

    private const string MissedToReview = $"""
        UPDATE disputes SET state = 'in_review' WHERE dispute_id = @DisputeId RETURNING {DisputeResolution.Columns}
        """;

    private const string AddReasonAndDue = """
        UPDATE cases SET due_at = @DueAt, updated_at = @At,
                         reason_codes = ARRAY(SELECT DISTINCT code FROM unnest(reason_codes || @ReasonCodes) AS code ORDER BY code)
        WHERE id = @CaseId AND state <> 'closed'
        """;

    private const string Overdue = """
        SELECT dispute_id FROM disputes WHERE state = 'awaiting_evidence' AND evidence_due_at <= @Now ORDER BY evidence_due_at LIMIT @Limit
        """;

    private const string LockOverdue = $"""
        SELECT {DisputeResolution.Columns} FROM disputes
        WHERE dispute_id = @DisputeId AND state = 'awaiting_evidence' AND evidence_due_at <= @Now
        FOR UPDATE SKIP LOCKED
        """;

    public async Task<DisputeRow?> FindAsync(string disputeId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<DisputeRow>(new CommandDefinition(ById, new { DisputeId = disputeId }, cancellationToken: cancellationToken));
    }

    public async Task<DisputeRow?> FindByCaseAsync(Guid caseId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<DisputeRow>(new CommandDefinition(ByCase, new { CaseId = caseId }, cancellationToken: cancellationToken));
    }

    /// <summary>The dispute a case is about, inside the caller's transaction, locked; null for a case of another kind.</summary>
    public static Task<DisputeRow?> LockByCaseAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid caseId, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<DisputeRow>(new CommandDefinition(ByCase + " FOR UPDATE", new { CaseId = caseId }, transaction, cancellationToken: cancellationToken));

    /// <summary>
    /// Opens dispute <paramref name="disputeId"/> on <paramref name="transactionId"/>: <paramref name="decide"/>
    /// sees the transaction as recorded and the customer's dispute history under the customer's lock, and
    /// returns the dispute to store or why it cannot be opened.
    /// </summary>
    public async Task<DisputeOpenResult> OpenAsync(
        string disputeId, string transactionId, byte[] requestHash, DateTimeOffset now, Func<DisputedTransaction, ValueTask<(NewDispute? New, DisputeOpenResult? Refused)>> decide,
        string principal, string? requestId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decide);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var customerId = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(CustomerOf, new { TransactionId = transactionId }, cancellationToken: cancellationToken));
        if (customerId is null)
        {
            return await ReplayOrAsync(connection, null, disputeId, requestHash, new DisputeOpenResult(DisputeOpenStatus.TransactionNotFound), cancellationToken);
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(Lock, new { LockKey = CheckStore.LockKey(customerId) }, transaction, cancellationToken: cancellationToken));
        var existing = await connection.QuerySingleOrDefaultAsync<DisputeRow>(new CommandDefinition(ById, new { DisputeId = disputeId }, transaction, cancellationToken: cancellationToken));
        if (existing is not null)
        {
            return Replay(existing, requestHash);
        }

        var disputed = await connection.QuerySingleAsync<DisputedTransaction>(new CommandDefinition(Transaction,
            new { TransactionId = transactionId, Since = now.AddDays(-90) }, transaction, cancellationToken: cancellationToken));
        if (await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(OpenForTransaction, new { TransactionId = transactionId }, transaction,
                cancellationToken: cancellationToken)) is { } open)
        {
            return new DisputeOpenResult(DisputeOpenStatus.NotDisputable, Detail: $"Transaction {transactionId} already has an open dispute, {open}; it must be resolved first.");
        }

        var (created, refused) = await decide(disputed);
        if (created is null)
        {
            return refused!;
        }

        var row = created.Row;
        var automatic = row.Step is "accept" or "reject";
        var codes = DisputeCodes(row);
        await connection.ExecuteAsync(new CommandDefinition(InsertCase, new
        {
            row.CaseId,
            row.CustomerId,
            created.Inbox,
            State = automatic ? "closed" : "open",
            Resolution = automatic ? row.Step == "accept" ? "approved" : "declined" : null,
            ResolutionReason = automatic ? $"Decided by the dispute rules ({string.Join(", ", codes)})." : null,
            created.Priority,
            ReasonCodes = codes,
            At = row.OpenedAt,
            DueAt = created.CaseDueAt,
            ClosedAt = automatic ? row.OpenedAt : (DateTimeOffset?)null,
            row.DisputeId,
        }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(Insert, row, transaction, cancellationToken: cancellationToken));
        await audit.AppendAsync(connection, transaction, new AuditEvent(principal, "dispute.opened", AuditOutcome.Success, "dispute", row.DisputeId, RequestId: requestId,
            Detail: $"transaction {row.TransactionId}; {row.Kind}/{row.Reason}; step {row.Step} ({string.Join(", ", codes)}); case {row.CaseId}"), cancellationToken);
        if (automatic)
        {
            row = await DisputeResolution.ResolveAsync(connection, transaction, audit, row, row.Step == "accept", "rules", "rules",
                $"Decided by the dispute rules ({string.Join(", ", codes)}).", requestId, row.OpenedAt, cancellationToken) ?? row;
        }

        await transaction.CommitAsync(cancellationToken);
        return new DisputeOpenResult(DisputeOpenStatus.Opened, row);
    }

    /// <summary>
    /// Records evidence for a dispute that is not resolved: one waiting for it moves to an officer, whose
    /// time starts now. The description, if any, is a comment on the case (encrypted under the customer's key).
    /// </summary>
    public async Task<(DisputeRow? Dispute, string? Refused)> EvidenceAsync(
        string disputeId, Func<NpgsqlConnection, NpgsqlTransaction, DisputeRow, Task<bool>> addComment, TimeSpan reviewSla, string principal, string? requestId,
        string attachmentHash, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(addComment);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<DisputeRow>(new CommandDefinition(ById + " FOR UPDATE", new { DisputeId = disputeId }, transaction,
            cancellationToken: cancellationToken));
        if (row is null)
        {
            return (null, null);
        }

        if (row.ResolvedAt is not null)
        {
            return (row, $"Dispute {disputeId} is {row.State}; evidence is taken while it is awaiting_evidence or in_review.");
        }

        if (!await addComment(connection, transaction, row))
        {
            return (row, $"Dispute {disputeId}: its customer's data was erased, so nothing about them can be stored any more.");
        }

        if (row.State == DisputeStates.AwaitingEvidence)
        {
            row = await connection.QuerySingleAsync<DisputeRow>(new CommandDefinition(Evidence, new { DisputeId = disputeId, At = at }, transaction,
                cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(CaseDue, new { row.CaseId, DueAt = at + reviewSla, At = at }, transaction, cancellationToken: cancellationToken));
        }

        await audit.AppendAsync(connection, transaction, new AuditEvent(principal, "dispute.evidence", AuditOutcome.Success, "dispute", disputeId, RequestId: requestId,
            Detail: $"attachment sha256 {attachmentHash}; state {row.State}"), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (row, null);
    }

    /// <summary>The disputes whose evidence deadline passed, oldest first.</summary>
    public async Task<IReadOnlyList<string>> OverdueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<string>(new CommandDefinition(Overdue, new { Now = now, Limit = limit }, cancellationToken: cancellationToken))];
    }

    /// <summary>
    /// Applies a passed evidence deadline: the step fixed when the dispute opened (reject, accept, or an
    /// officer reviews), which it returns; null when another instance got there first or evidence arrived meanwhile.
    /// </summary>
    public async Task<string?> MissEvidenceAsync(string disputeId, DateTimeOffset now, TimeSpan reviewSla, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<DisputeRow>(new CommandDefinition(LockOverdue, new { DisputeId = disputeId, Now = now }, transaction,
            cancellationToken: cancellationToken));
        if (row is null)
        {
            return null;
        }

        string[] codes = ["DISPUTE_EVIDENCE_MISSED"];
        var reason = $"No evidence by {row.EvidenceDueAt:u}.";
        if (row.OnEvidenceMissed == "review")
        {
            await connection.ExecuteAsync(new CommandDefinition(MissedToReview, new { row.DisputeId }, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(AddReasonAndDue, new { row.CaseId, DueAt = now + reviewSla, At = now, ReasonCodes = codes }, transaction,
                cancellationToken: cancellationToken));
            await audit.AppendAsync(connection, transaction, new AuditEvent("deadline", "dispute.evidence_missed", AuditOutcome.Success, "dispute", row.DisputeId,
                Detail: "to an officer"), cancellationToken);
        }
        else
        {
            var accept = row.OnEvidenceMissed == "accept";
            await connection.ExecuteAsync(new CommandDefinition(CloseCase, new { row.CaseId, Resolution = accept ? "approved" : "declined", Reason = reason, At = now, ReasonCodes = codes },
                transaction, cancellationToken: cancellationToken));
            await DisputeResolution.ResolveAsync(connection, transaction, audit, row, accept, "deadline", "deadline", reason, null, now, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return row.OnEvidenceMissed;
    }

    private static string[] DisputeCodes(DisputeRow row) =>
        [.. System.Text.Json.JsonSerializer.Deserialize<List<CheckReason>>(row.Reasons, CheckService.Json)!.Select(r => r.ReasonCode).Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];

    private static DisputeOpenResult Replay(DisputeRow existing, byte[] requestHash) =>
        existing.RequestHash.AsSpan().SequenceEqual(requestHash)
            ? new DisputeOpenResult(DisputeOpenStatus.Replayed, existing)
            : new DisputeOpenResult(DisputeOpenStatus.Conflict, existing);

    private static async Task<DisputeOpenResult> ReplayOrAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string disputeId, byte[] requestHash, DisputeOpenResult otherwise, CancellationToken cancellationToken) =>
        await connection.QuerySingleOrDefaultAsync<DisputeRow>(new CommandDefinition(ById, new { DisputeId = disputeId }, transaction, cancellationToken: cancellationToken)) is { } existing
            ? Replay(existing, requestHash)
            : otherwise;
}
