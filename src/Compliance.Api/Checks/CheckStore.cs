using System.Security.Cryptography;
using System.Text;
using Compliance.Api.Storage;
using Dapper;
using Npgsql;

namespace Compliance.Api.Checks;

/// <summary>
/// One check, one transaction. The customer's advisory lock comes first, so concurrent checks of
/// one customer run one after another and can never together pass a limit their sum breaks; then
/// the idempotency look-up, the facts, the decision, and the velocity entry, committed together
/// before the answer is sent.
/// </summary>
internal sealed class CheckStore(NpgsqlDataSource dataSource, CustomerTurns turns, Cases.CaseRouting caseRouting)
{
    // The idempotency look-up, the customer and whether the counterparty was paid before, in one
    // statement (one executor start and one result set instead of three).
    private const string Lookup = """
        SELECT d.request_hash AS RequestHash, d.response AS Response,
               EXISTS (SELECT 1 FROM velocity_entries WHERE customer_id = @CustomerId AND counterparty_key = @CounterpartyKey) AS CounterpartySeenBefore,
               c.id IS NOT NULL AS CustomerKnown, c.country AS Country, c.risk_rating AS RiskRating, c.pep AS Pep, c.segment AS Segment,
               c.kyc_status AS KycStatus, c.kyc_level AS KycLevel, c.kyc_verified_at AS KycVerifiedAt, c.screening_status AS ScreeningStatus,
               c.created_at AS CreatedAt
        FROM (SELECT 1) AS one
        LEFT JOIN decisions d ON d.transaction_id = @TransactionId
        LEFT JOIN customers c ON c.id = @CustomerId;
        """;

    private const string BeginLockLookupAndVelocity = "BEGIN;\nSELECT pg_advisory_xact_lock(@LockKey);\n" + Lookup + Velocity;

    // Rolling windows have no upper bound and calendar windows end with their period: an entry
    // stamped a moment after this transaction (a concurrent or out-of-order submission) still
    // counts, so limits hold however the clients' timestamps interleave.
    private const string Velocity = """

        SELECT count(*) FILTER (WHERE occurred_at > @T1h)::int AS Count1h, coalesce(sum(amount_base) FILTER (WHERE occurred_at > @T1h), 0) AS Sum1h,
               count(*) FILTER (WHERE occurred_at > @T24h)::int AS Count24h, coalesce(sum(amount_base) FILTER (WHERE occurred_at > @T24h), 0) AS Sum24h,
               count(*) FILTER (WHERE occurred_at > @T7d)::int AS Count7d, coalesce(sum(amount_base) FILTER (WHERE occurred_at > @T7d), 0) AS Sum7d,
               count(*) FILTER (WHERE occurred_at > @T30d)::int AS Count30d, coalesce(sum(amount_base) FILTER (WHERE occurred_at > @T30d), 0) AS Sum30d,
               count(*) FILTER (WHERE occurred_at >= @Day AND occurred_at < @NextDay)::int AS CountToday, coalesce(sum(amount_base) FILTER (WHERE occurred_at >= @Day AND occurred_at < @NextDay), 0) AS SumToday,
               count(*) FILTER (WHERE occurred_at >= @Month AND occurred_at < @NextMonth)::int AS CountMonth, coalesce(sum(amount_base) FILTER (WHERE occurred_at >= @Month AND occurred_at < @NextMonth), 0) AS SumMonth,
               count(*) FILTER (WHERE occurred_at >= @Day AND occurred_at < @NextDay AND type = 'withdrawal')::int AS WithdrawalCountToday,
               coalesce(sum(amount_base) FILTER (WHERE occurred_at >= @Day AND occurred_at < @NextDay AND type = 'withdrawal'), 0) AS WithdrawalSumToday,
               count(*) FILTER (WHERE occurred_at > @T30d AND counterparty_key = @CounterpartyKey)::int AS CounterpartyCount30d,
               coalesce(sum(amount_base) FILTER (WHERE occurred_at > @T30d AND counterparty_key = @CounterpartyKey), 0) AS CounterpartySum30d,
               count(DISTINCT counterparty_key) FILTER (WHERE occurred_at > @T24h)::int AS DistinctCounterparties24h
        FROM velocity_entries
        WHERE customer_id = @CustomerId AND counted AND occurred_at > @From;
        """;

    // The decision chain's head is advanced inside the statement that inserts the decision, which also
    // computes the hash: sha256(prev || canonical), where the canonical bytes are the ones
    // DecisionChain.Canonical writes, with the sequence number's "<length>:<digits>" spliced in between
    // the parts the service sends. The head row is locked only from here to the COMMIT that travels
    // in the same round trip, so checks of other customers in the shard barely wait.
    private const string AdvanceHeadAndInsertDecision = """
        WITH head AS (
            UPDATE chain_heads
            SET prev_hash = hash, seq = seq + 1,
                hash = sha256(hash || @CanonicalHead || convert_to(length((seq + 1)::text)::text || ':' || (seq + 1)::text, 'UTF8') || @CanonicalTail)
            WHERE chain = @Chain
            RETURNING seq, prev_hash, hash),
        decision AS (
            INSERT INTO decisions (transaction_id, check_id, customer_id, request_hash, request, facts, decision, score, reasons, rule_set,
                                   rule_set_version, rates_version, decided_at, evaluation_us, response, chain, seq, prev_hash, hash, client_key_id)
            SELECT @TransactionId, @CheckId, @CustomerId, @RequestHash, @Request, @Facts, @Decision, @Score, @Reasons, @RuleSet,
                   @RuleSetVersion, @RatesVersion, @DecidedAt, @EvaluationUs, @Response, @Chain, head.seq, head.prev_hash, head.hash, @ClientKeyId
            FROM head
            RETURNING transaction_id)
        """;

    // COMMIT travels in the same round trip. If the head is missing, nothing was inserted and the
    // COMMIT only releases the lock.
    private const string Record = AdvanceHeadAndInsertDecision + """
        SELECT count(*)::int FROM decision;
        COMMIT;
        """;

    // Blocked transactions do not happen, so they do not count towards velocity; the others are
    // counted in the same statement (PostgreSQL runs a data-modifying CTE whether or not it is read).
    private const string RecordAndCount = AdvanceHeadAndInsertDecision + """
        , counted AS (
            INSERT INTO velocity_entries (transaction_id, customer_id, occurred_at, amount_base, type, channel, counterparty_key)
            SELECT transaction_id, @CustomerId, @OccurredAt, @AmountBase, @Type, @Channel, @CounterpartyKey FROM decision)
        SELECT count(*)::int FROM decision;
        COMMIT;
        """;

    // A review opens a case, or joins the customer's open case younger than the join window, in the
    // statement that stores the decision. The customer's lock is held, so no other check of this
    // customer can open a second case meanwhile. The case's reason codes, priority and due time take
    // the most urgent of its reviews.
    private static readonly string OpenOrJoinCase = $"""
        , {Cases.CaseOpener.OpenOrJoinCtes("EXISTS (SELECT 1 FROM decision)")},
        linked AS (
            INSERT INTO case_items (case_id, item_kind, ref, reason_codes, added_at)
            SELECT c.id, 'decision', d.transaction_id, @CaseReasonCodes, @CaseAt
            FROM decision d, (SELECT id FROM joined UNION ALL SELECT id FROM opened) c)
        """;

    private static readonly string RecordCountAndOpenCase = AdvanceHeadAndInsertDecision + """
        , counted AS (
            INSERT INTO velocity_entries (transaction_id, customer_id, occurred_at, amount_base, type, channel, counterparty_key)
            SELECT transaction_id, @CustomerId, @OccurredAt, @AmountBase, @Type, @Channel, @CounterpartyKey FROM decision)
        """ + OpenOrJoinCase + """
        SELECT count(*)::int FROM decision;
        COMMIT;
        """;

    // A shard whose head is missing (the migration creates all of them; a changed ShardCount would not).
    private const string CreateHead = "INSERT INTO chain_heads (chain, seq, hash) VALUES (@Chain, 0, @Genesis) ON CONFLICT (chain) DO NOTHING";

    /// <summary>
    /// Decides the check inside one transaction of two round trips: BEGIN, the customer's lock, the
    /// idempotency look-up and the facts; then the decision, its chain link, the velocity entry and
    /// COMMIT. <paramref name="decide"/> runs in between, with the customer locked and the facts read;
    /// it returns what to store, or the transaction is rolled back.
    /// </summary>
    public async Task<CheckResult> DecideAsync(CheckInput input, Func<FactsRead, ValueTask<Decided>> decide, CancellationToken cancellationToken)
    {
        using var turn = await turns.WaitAsync(input.CustomerId, cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (await DecideOnceAsync(connection, input, decide, caseRouting.JoinWindow, cancellationToken) is { } result)
                {
                    return result;
                }
            }
            catch
            {
                // The transaction is BEGUN and COMMITTED by hand (so COMMIT can share the last round trip);
                // whatever failed, leave no transaction open on a pooled connection.
                if (connection.State == System.Data.ConnectionState.Open)
                {
                    await RollbackQuietlyAsync(connection);
                }

                throw;
            }

            // The shard's chain head did not exist: nothing was stored. Create it and decide afresh.
            if (attempt == 2)
            {
                throw new InvalidOperationException($"the head of decision chain {DecisionChain.For(input.CustomerId)} could not be created");
            }

            await connection.ExecuteAsync(new CommandDefinition(CreateHead,
                new { Chain = DecisionChain.For(input.CustomerId), Genesis = HashChain.Genesis.ToArray() }, cancellationToken: cancellationToken));
        }
    }

    /// <summary>The result, or null when the chain head is missing and nothing was stored.</summary>
    private static async Task<CheckResult?> DecideOnceAsync(
        NpgsqlConnection connection, CheckInput input, Func<FactsRead, ValueTask<Decided>> decide, TimeSpan caseJoinWindow, CancellationToken cancellationToken)
    {
        var at = input.OccurredAt;
        var day = new DateTimeOffset(at.UtcDateTime.Date, TimeSpan.Zero);
        var month = new DateTimeOffset(day.Year, day.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var chain = DecisionChain.For(input.CustomerId);

        // In READ COMMITTED each statement of the batch takes its snapshot when it starts, after the
        // lock is granted, so the facts include every check of this customer committed before. A
        // replay reads facts it does not use.
        // Disposed asynchronously: a synchronous dispose may block a pool thread reading the end of the batch.
        FactsRead facts;
        await using (var read = await connection.QueryMultipleAsync(new CommandDefinition(BeginLockLookupAndVelocity, new
        {
            LockKey = LockKey(input.CustomerId),
            input.TransactionId,
            input.CustomerId,
            input.CounterpartyKey,
            T1h = at.AddHours(-1),
            T24h = at.AddHours(-24),
            T7d = at.AddDays(-7),
            T30d = at.AddDays(-30),
            Day = day,
            NextDay = day.AddDays(1),
            Month = month,
            NextMonth = month.AddMonths(1),
            From = at.AddDays(-30) < month ? at.AddDays(-30) : month,
        }, cancellationToken: cancellationToken)))
        {
            await read.ReadAsync(); // the lock's own (void) row
            var lookup = await read.ReadSingleAsync<CheckLookupRow>();
            if (lookup is { RequestHash: { } storedHash, Response: { } storedResponse })
            {
                await read.DisposeAsync();
                await connection.ExecuteAsync(new CommandDefinition("COMMIT", cancellationToken: cancellationToken));
                return CryptographicOperations.FixedTimeEquals(storedHash, input.RequestHash)
                    ? CheckResult.Replay(storedResponse)
                    : CheckResult.Conflict();
            }

            facts = new FactsRead(lookup.CustomerKnown ? lookup : null, await read.ReadSingleAsync<VelocityFacts>(), lookup.CounterpartySeenBefore);
        }

        var decided = await decide(facts);
        var (head, tail) = DecisionChain.CanonicalAroundSeq(
            chain, input.TransactionId, input.CustomerId, input.RequestHash, decided.Request, decided.Facts, decided.Response, decided.DecidedAt);
        var statement = decided.Decision == "block" ? Record : decided.Case is null ? RecordAndCount : RecordCountAndOpenCase;
        var @case = decided.Case;
        var recorded = await connection.ExecuteScalarAsync<int>(new CommandDefinition(statement, new
        {
            input.TransactionId,
            decided.CheckId,
            input.CustomerId,
            input.RequestHash,
            decided.Request,
            decided.Facts,
            decided.Decision,
            decided.Score,
            decided.Reasons,
            decided.RuleSet,
            decided.RuleSetVersion,
            decided.RatesVersion,
            decided.DecidedAt,
            decided.EvaluationUs,
            decided.Response,
            Chain = chain,
            CanonicalHead = head,
            CanonicalTail = tail,
            OccurredAt = at,
            input.AmountBase,
            input.Type,
            input.Channel,
            input.CounterpartyKey,
            input.ClientKeyId,
            CaseId = @case is null ? Guid.Empty : Guid.CreateVersion7(),
            CaseInbox = @case?.Inbox,
            CasePriority = (short)(@case?.Priority ?? 0),
            CaseDueAt = @case?.DueAt,
            CaseReasonCodes = @case?.ReasonCodes,
            JoinAfter = decided.DecidedAt - (@case is null ? TimeSpan.Zero : caseJoinWindow),
            CaseAt = decided.DecidedAt,
        }, cancellationToken: cancellationToken));
        return recorded == 1 ? CheckResult.Decided(decided.Response, decided.Decision) : null;
    }

    private static async Task RollbackQuietlyAsync(NpgsqlConnection connection)
    {
        try
        {
            await connection.ExecuteAsync("ROLLBACK");
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // A broken connection is not returned to the pool; nothing more to do.
        }
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
