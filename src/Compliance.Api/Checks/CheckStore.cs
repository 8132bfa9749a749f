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
internal sealed class CheckStore(NpgsqlDataSource dataSource)
{
    private const string LockAndFind = """
        SELECT pg_advisory_xact_lock(@LockKey);
        SELECT request_hash AS RequestHash, response AS Response FROM decisions WHERE transaction_id = @TransactionId;
        """;

    private const string LockFindAndFacts = LockAndFind + Facts;

    // Rolling windows have no upper bound and calendar windows end with their period: an entry
    // stamped a moment after this transaction (a concurrent or out-of-order submission) still
    // counts, so limits hold however the clients' timestamps interleave.
    private const string Facts = """
        SELECT country AS Country, risk_rating AS RiskRating, pep AS Pep, segment AS Segment, kyc_status AS KycStatus,
               kyc_level AS KycLevel, kyc_verified_at AS KycVerifiedAt, screening_status AS ScreeningStatus, created_at AS CreatedAt
        FROM customers WHERE id = @CustomerId;

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

        SELECT EXISTS (SELECT 1 FROM velocity_entries WHERE customer_id = @CustomerId AND counterparty_key = @CounterpartyKey);

        """ + ReadHead;

    // The chain head is read without a lock (a missing one is created, DO NOTHING takes no lock on an
    // existing row) and advanced only in the last round trip, if it is still where it was read: checks
    // of other customers in the same shard no longer wait through this check's evaluation.
    private const string ReadHead = """
        WITH created AS (
            INSERT INTO chain_heads (chain, seq, hash) VALUES (@Chain, 0, @Genesis) ON CONFLICT (chain) DO NOTHING RETURNING seq, hash)
        SELECT seq AS Seq, hash AS Hash FROM created
        UNION ALL
        SELECT seq, hash FROM chain_heads WHERE chain = @Chain
        LIMIT 1;
        """;

    // Inserts the decision only if this transaction moved the head from where it read it; a count of
    // 0 means another check of the shard committed first, and the caller re-reads the head and retries.
    private const string AdvanceHeadAndInsertDecision = """
        WITH head AS (
            UPDATE chain_heads SET seq = @Seq, hash = @Hash WHERE chain = @Chain AND seq = @PrevSeq RETURNING 1),
        decision AS (
            INSERT INTO decisions (transaction_id, check_id, customer_id, request_hash, request, facts, decision, score, reasons, rule_set,
                                   rule_set_version, rates_version, decided_at, evaluation_us, response, chain, seq, prev_hash, hash)
            SELECT @TransactionId, @CheckId, @CustomerId, @RequestHash, @Request, @Facts, @Decision, @Score, @Reasons, @RuleSet,
                   @RuleSetVersion, @RatesVersion, @DecidedAt, @EvaluationUs, @Response, @Chain, @Seq, @PrevHash, @Hash
            FROM head
            RETURNING transaction_id)
        """;

    private const string Record = AdvanceHeadAndInsertDecision + "SELECT count(*)::int FROM decision";

    // Blocked transactions do not happen, so they do not count towards velocity; the others are
    // counted in the same statement (PostgreSQL runs a data-modifying CTE whether or not it is read).
    private const string RecordAndCount = AdvanceHeadAndInsertDecision + """
        , counted AS (
            INSERT INTO velocity_entries (transaction_id, customer_id, occurred_at, amount_base, type, channel, counterparty_key)
            SELECT transaction_id, @CustomerId, @OccurredAt, @AmountBase, @Type, @Channel, @CounterpartyKey FROM decision)
        SELECT count(*)::int FROM decision
        """;

    private const int MaxHeadAttempts = 20;

    /// <summary>
    /// Decides the check inside one transaction. <paramref name="decide"/> runs with the customer
    /// locked and the facts read; it returns what to store, or the transaction is not committed.
    /// </summary>
    public async Task<CheckResult> DecideAsync(CheckInput input, Func<FactsRead, ValueTask<Decided>> decide, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var at = input.OccurredAt;
        var day = new DateTimeOffset(at.UtcDateTime.Date, TimeSpan.Zero);
        var month = new DateTimeOffset(day.Year, day.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var chain = DecisionChain.For(input.CustomerId);

        // One round trip: the lock, the idempotency look-up and the facts. In READ COMMITTED each
        // statement of the batch takes its snapshot when it starts, after the lock is granted, so the
        // facts include every check of this customer committed before. A replay reads facts it does not use.
        using var read = await connection.QueryMultipleAsync(new CommandDefinition(LockFindAndFacts, new
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
            Chain = chain,
            Genesis = HashChain.Genesis.ToArray(),
        }, transaction, cancellationToken: cancellationToken));
        await read.ReadAsync(); // the lock's own (void) row
        if (await read.ReadSingleOrDefaultAsync<(byte[] RequestHash, string Response)?>() is { } stored)
        {
            return CryptographicOperations.FixedTimeEquals(stored.RequestHash, input.RequestHash)
                ? CheckResult.Replay(stored.Response)
                : CheckResult.Conflict();
        }

        var customer = await read.ReadSingleOrDefaultAsync<CustomerFactsRow>();
        var velocity = await read.ReadSingleAsync<VelocityFacts>();
        var seenCounterparty = await read.ReadSingleAsync<bool>();
        var head = await read.ReadSingleOrDefaultAsync<HashChain.ChainHead>();
        read.Dispose();
        head ??= await ReadHeadAsync(connection, transaction, chain, cancellationToken);

        var decided = await decide(new FactsRead(customer, velocity, seenCounterparty));
        for (var attempt = 1; ; attempt++)
        {
            var seq = head.Seq + 1;
            var hash = HashChain.Next(head.Hash, DecisionChain.Canonical(
                chain, seq, input.TransactionId, input.CustomerId, input.RequestHash, decided.Request, decided.Facts, decided.Response, decided.DecidedAt));
            var recorded = await connection.ExecuteScalarAsync<int>(new CommandDefinition(decided.Decision == "block" ? Record : RecordAndCount, new
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
                Seq = seq,
                PrevSeq = head.Seq,
                PrevHash = head.Hash,
                Hash = hash,
                OccurredAt = at,
                input.AmountBase,
                input.Type,
                input.Channel,
                input.CounterpartyKey,
            }, transaction, cancellationToken: cancellationToken));
            if (recorded == 1)
            {
                break;
            }

            if (attempt == MaxHeadAttempts)
            {
                throw new TimeoutException($"the head of decision chain {chain} kept moving; the check was not stored");
            }

            head = await ReadHeadAsync(connection, transaction, chain, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return CheckResult.Decided(decided.Response, decided.Decision);
    }

    private const string SelectDecision = """
        SELECT response AS Response, request AS Request, facts AS Facts, outcome AS Outcome, outcome_at AS OutcomeAt
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

    // A head created by a transaction that commits after this statement's snapshot is invisible to it
    // (the insert waited, then did nothing): a new statement, with a new snapshot, sees it.
    private static async Task<HashChain.ChainHead> ReadHeadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string chain, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxHeadAttempts; attempt++)
        {
            var head = await connection.QuerySingleOrDefaultAsync<HashChain.ChainHead>(new CommandDefinition(ReadHead,
                new { Chain = chain, Genesis = HashChain.Genesis.ToArray() }, transaction, cancellationToken: cancellationToken));
            if (head is not null)
            {
                return head;
            }
        }

        throw new TimeoutException($"the head of decision chain {chain} could not be read; the check was not stored");
    }

    // A 64-bit key per customer for pg_advisory_xact_lock; a collision only serializes two customers.
    private static long LockKey(string customerId) =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes("check-customer:" + customerId)), 0);
}
