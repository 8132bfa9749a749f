using Compliance.Api.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Compliance.Api.Checks;

/// <summary>
/// The statements of a check's transaction, one batch command each, so that the checks of one batch
/// (<see cref="CheckWriter"/>) travel in the same two round trips: BEGIN, the customers' locks, each
/// check's look-up and velocity; then each check's record statement and COMMIT. Written with named
/// parameters and sent with positional ones (<see cref="PositionalStatement"/>), typed here, not
/// inferred, so a null travels as the column's type.
/// </summary>
internal static class CheckStatements
{
    public const string Begin = "BEGIN";

    public const string Commit = "COMMIT";

    public const string Rollback = "ROLLBACK";

    // The keys come sorted and unnest keeps their order, so two batches that share customers take
    // their locks in the same order and cannot deadlock on them.
    private static readonly PositionalStatement LockCustomersSql = PositionalStatement.Parse("SELECT pg_advisory_xact_lock(k) FROM unnest(@LockKeys) AS k");

    // The idempotency look-up, the customer and whether the counterparty was paid before, in one
    // statement (one executor start and one result set instead of three).
    private const string LookupSql = """
        SELECT d.request_hash AS RequestHash, d.response AS Response,
               EXISTS (SELECT 1 FROM velocity_entries WHERE customer_id = @CustomerId AND counterparty_key = @CounterpartyKey) AS CounterpartySeenBefore,
               c.id IS NOT NULL AS CustomerKnown, c.country AS Country, c.risk_rating AS RiskRating, c.pep AS Pep, c.segment AS Segment,
               c.kyc_status AS KycStatus, c.kyc_level AS KycLevel, c.kyc_verified_at AS KycVerifiedAt, c.screening_status AS ScreeningStatus,
               c.created_at AS CreatedAt
        FROM (SELECT 1) AS one
        LEFT JOIN decisions d ON d.transaction_id = @TransactionId
        LEFT JOIN customers c ON c.id = @CustomerId
        """;

    // Rolling windows have no upper bound and calendar windows end with their period: an entry
    // stamped a moment after this transaction (a concurrent or out-of-order submission) still
    // counts, so limits hold however the clients' timestamps interleave.
    //
    // The read does not grow with the customer's history (velocity_hours, migration 0024): the last
    // 24 hours are one scan of raw entries (the 1 h, 24 h and calendar-day figures, and the distinct
    // counterparties, which no total can give); the 7- and 30-day windows are the customer's whole
    // UTC hours after the hour they start in, plus the raw entries of that one partial hour; the
    // calendar month is whole hours. The counterparty's figures read its own entries.
    private const string VelocitySql = """
        WITH recent AS (
            SELECT count(*) FILTER (WHERE occurred_at > @T1h) AS c1h, coalesce(sum(amount_base) FILTER (WHERE occurred_at > @T1h), 0) AS s1h,
                   count(*) AS c24h, coalesce(sum(amount_base), 0) AS s24h,
                   count(*) FILTER (WHERE occurred_at >= @Day AND occurred_at < @NextDay) AS cToday,
                   coalesce(sum(amount_base) FILTER (WHERE occurred_at >= @Day AND occurred_at < @NextDay), 0) AS sToday,
                   count(*) FILTER (WHERE occurred_at >= @Day AND occurred_at < @NextDay AND type = 'withdrawal') AS wToday,
                   coalesce(sum(amount_base) FILTER (WHERE occurred_at >= @Day AND occurred_at < @NextDay AND type = 'withdrawal'), 0) AS wsToday,
                   count(DISTINCT counterparty_key) AS distinct24h
            FROM velocity_entries
            WHERE customer_id = @CustomerId AND counted AND occurred_at > @T24h),
        whole AS (
            SELECT coalesce(sum(entries) FILTER (WHERE hour > @H7d), 0) AS c7d, coalesce(sum(amount) FILTER (WHERE hour > @H7d), 0) AS s7d,
                   coalesce(sum(entries) FILTER (WHERE hour > @H30d), 0) AS c30d, coalesce(sum(amount) FILTER (WHERE hour > @H30d), 0) AS s30d,
                   coalesce(sum(entries) FILTER (WHERE hour >= @Month AND hour < @NextMonth), 0) AS cMonth,
                   coalesce(sum(amount) FILTER (WHERE hour >= @Month AND hour < @NextMonth), 0) AS sMonth
            FROM velocity_hours
            WHERE customer_id = @CustomerId AND hour >= @HFrom),
        edge7d AS (
            SELECT count(*) AS c, coalesce(sum(amount_base), 0) AS s FROM velocity_entries
            WHERE customer_id = @CustomerId AND counted AND occurred_at > @T7d AND occurred_at < @H7dEnd),
        edge30d AS (
            SELECT count(*) AS c, coalesce(sum(amount_base), 0) AS s FROM velocity_entries
            WHERE customer_id = @CustomerId AND counted AND occurred_at > @T30d AND occurred_at < @H30dEnd),
        counterparty AS (
            SELECT count(*) AS c, coalesce(sum(amount_base), 0) AS s FROM velocity_entries
            WHERE customer_id = @CustomerId AND counterparty_key = @CounterpartyKey AND counted AND occurred_at > @T30d)
        SELECT r.c1h::int AS Count1h, r.s1h AS Sum1h, r.c24h::int AS Count24h, r.s24h AS Sum24h,
               (w.c7d + e7.c)::int AS Count7d, w.s7d + e7.s AS Sum7d, (w.c30d + e30.c)::int AS Count30d, w.s30d + e30.s AS Sum30d,
               r.cToday::int AS CountToday, r.sToday AS SumToday, w.cMonth::int AS CountMonth, w.sMonth AS SumMonth,
               r.wToday::int AS WithdrawalCountToday, r.wsToday AS WithdrawalSumToday,
               cp.c::int AS CounterpartyCount30d, cp.s AS CounterpartySum30d, r.distinct24h::int AS DistinctCounterparties24h
        FROM recent r, whole w, edge7d e7, edge30d e30, counterparty cp
        """;

    // The decision chain's head is advanced inside the statement that inserts the decision, which also
    // computes the hash: sha256(prev || canonical), where the canonical bytes are the ones
    // DecisionChain.Canonical writes, with the sequence number's "<length>:<digits>" spliced in between
    // the parts the service sends. The head row stays locked until the COMMIT that ends the same round
    // trip, so checks of other customers in the shard barely wait. Two checks of one shard in one
    // batch advance it one after the other: the later statement sees the earlier one's head.
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

    // Each returns 1 when the decision was stored, 0 when the shard's chain head is missing (nothing
    // was inserted then). A blocked transaction does not happen, so it does not count towards velocity.
    private const string RecordSql = AdvanceHeadAndInsertDecision + "\nSELECT count(*)::int FROM decision";

    // PostgreSQL runs a data-modifying CTE whether or not it is read. The entry's hour total is kept
    // here, in the same statement (a trigger would cost every check ~0.05 ms; migration 0024).
    private const string Count = """
        , counted AS (
            INSERT INTO velocity_entries (transaction_id, customer_id, occurred_at, amount_base, type, channel, counterparty_key)
            SELECT transaction_id, @CustomerId, @OccurredAt, @AmountBase, @Type, @Channel, @CounterpartyKey FROM decision),
        hourly AS (
            INSERT INTO velocity_hours AS h (customer_id, hour, entries, amount, withdrawals, withdrawn)
            SELECT @CustomerId, @Hour, 1, @AmountBase, CASE WHEN @Type = 'withdrawal' THEN 1 ELSE 0 END,
                   CASE WHEN @Type = 'withdrawal' THEN @AmountBase ELSE 0 END
            FROM decision
            ON CONFLICT (customer_id, hour) DO UPDATE
            SET entries = h.entries + EXCLUDED.entries, amount = h.amount + EXCLUDED.amount,
                withdrawals = h.withdrawals + EXCLUDED.withdrawals, withdrawn = h.withdrawn + EXCLUDED.withdrawn)
        """;

    private const string RecordAndCountSql = AdvanceHeadAndInsertDecision + Count + "\nSELECT count(*)::int FROM decision";

    // A review opens a case, or joins the customer's open case younger than the join window, in the
    // statement that stores the decision. The customer's lock is held, so no other check of this
    // customer can open a second case meanwhile. The case's reason codes, priority and due time take
    // the most urgent of its reviews.
    private static readonly string RecordCountAndOpenCaseSql = AdvanceHeadAndInsertDecision + Count + $"""
        , {Cases.CaseOpener.OpenOrJoinCtes("EXISTS (SELECT 1 FROM decision)")},
        linked AS (
            INSERT INTO case_items (case_id, item_kind, ref, reason_codes, added_at)
            SELECT c.id, 'decision', d.transaction_id, @CaseReasonCodes, @CaseAt
            FROM decision d, (SELECT id FROM joined UNION ALL SELECT id FROM opened) c)
        SELECT count(*)::int FROM decision
        """;

    private static readonly PositionalStatement LookupStatement = PositionalStatement.Parse(LookupSql);
    private static readonly PositionalStatement VelocityStatement = PositionalStatement.Parse(VelocitySql);
    private static readonly PositionalStatement RecordStatement = PositionalStatement.Parse(RecordSql);
    private static readonly PositionalStatement RecordAndCountStatement = PositionalStatement.Parse(RecordAndCountSql);
    private static readonly PositionalStatement RecordCountAndOpenCaseStatement = PositionalStatement.Parse(RecordCountAndOpenCaseSql);

    // A shard whose head is missing (the migration creates all of them; a changed ShardCount would not).
    public const string CreateHead = "INSERT INTO chain_heads (chain, seq, hash) VALUES (@Chain, 0, @Genesis) ON CONFLICT (chain) DO NOTHING";

    public static NpgsqlBatchCommand Plain(string sql) => new(sql);

    public static NpgsqlBatchCommand LockCustomers(long[] sortedKeys) =>
        LockCustomersSql.Bind().Set("LockKeys", sortedKeys, NpgsqlDbType.Array | NpgsqlDbType.Bigint).Command();

    public static NpgsqlBatchCommand Lookup(CheckInput input) => LookupStatement.Bind()
        .Set("TransactionId", input.TransactionId, NpgsqlDbType.Text)
        .Set("CustomerId", input.CustomerId, NpgsqlDbType.Text)
        .Set("CounterpartyKey", input.CounterpartyKey, NpgsqlDbType.Bytea)
        .Command();

    public static NpgsqlBatchCommand Velocity(CheckInput input)
    {
        var at = input.OccurredAt;
        var day = new DateTimeOffset(at.UtcDateTime.Date, TimeSpan.Zero);
        var month = new DateTimeOffset(day.Year, day.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var (t7d, t30d) = (at.AddDays(-7), at.AddDays(-30));
        var (h7d, h30d) = (HourOf(t7d), HourOf(t30d));
        return VelocityStatement.Bind()
            .Set("CustomerId", input.CustomerId, NpgsqlDbType.Text)
            .Set("CounterpartyKey", input.CounterpartyKey, NpgsqlDbType.Bytea)
            .Set("T1h", at.AddHours(-1), NpgsqlDbType.TimestampTz)
            .Set("T24h", at.AddHours(-24), NpgsqlDbType.TimestampTz)
            .Set("T7d", t7d, NpgsqlDbType.TimestampTz)
            .Set("T30d", t30d, NpgsqlDbType.TimestampTz)
            .Set("Day", day, NpgsqlDbType.TimestampTz)
            .Set("NextDay", day.AddDays(1), NpgsqlDbType.TimestampTz)
            .Set("Month", month, NpgsqlDbType.TimestampTz)
            .Set("NextMonth", month.AddMonths(1), NpgsqlDbType.TimestampTz)
            .Set("HFrom", t30d < month ? h30d : month, NpgsqlDbType.TimestampTz)
            .Set("H7d", h7d, NpgsqlDbType.TimestampTz)
            .Set("H7dEnd", h7d.AddHours(1), NpgsqlDbType.TimestampTz)
            .Set("H30d", h30d, NpgsqlDbType.TimestampTz)
            .Set("H30dEnd", h30d.AddHours(1), NpgsqlDbType.TimestampTz)
            .Command();
    }

    // The UTC hour an instant falls in, computed here rather than by date_trunc per row (with a time
    // zone argument it looks the zone up on every call, which made the prototype's read 10x slower).
    private static DateTimeOffset HourOf(DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }

    /// <summary>The statement that stores <paramref name="decided"/>: record, record and count, or that and open a case.</summary>
    public static NpgsqlBatchCommand Record(CheckInput input, Decided decided, string chain, TimeSpan caseJoinWindow)
    {
        var (head, tail) = DecisionChain.CanonicalAroundSeq(
            chain, input.TransactionId, input.CustomerId, input.RequestHash, decided.Request, decided.Facts, decided.Response, decided.DecidedAt);
        var @case = decided.Case;
        var blocked = decided.Decision == "block";
        var bind = (blocked ? RecordStatement : @case is null ? RecordAndCountStatement : RecordCountAndOpenCaseStatement).Bind()
            .Set("TransactionId", input.TransactionId, NpgsqlDbType.Text)
            .Set("CheckId", decided.CheckId, NpgsqlDbType.Uuid)
            .Set("CustomerId", input.CustomerId, NpgsqlDbType.Text)
            .Set("RequestHash", input.RequestHash, NpgsqlDbType.Bytea)
            .Set("Request", decided.Request, NpgsqlDbType.Text)
            .Set("Facts", decided.Facts, NpgsqlDbType.Text)
            .Set("Decision", decided.Decision, NpgsqlDbType.Text)
            .Set("Score", decided.Score, NpgsqlDbType.Integer)
            .Set("Reasons", decided.Reasons, NpgsqlDbType.Text)
            .Set("RuleSet", decided.RuleSet, NpgsqlDbType.Text)
            .Set("RuleSetVersion", decided.RuleSetVersion, NpgsqlDbType.Integer)
            .Set("RatesVersion", decided.RatesVersion, NpgsqlDbType.Integer)
            .Set("DecidedAt", decided.DecidedAt, NpgsqlDbType.TimestampTz)
            .Set("EvaluationUs", decided.EvaluationUs, NpgsqlDbType.Integer)
            .Set("Response", decided.Response, NpgsqlDbType.Text)
            .Set("Chain", chain, NpgsqlDbType.Text)
            .Set("CanonicalHead", head, NpgsqlDbType.Bytea)
            .Set("CanonicalTail", tail, NpgsqlDbType.Bytea)
            .Set("ClientKeyId", input.ClientKeyId, NpgsqlDbType.Uuid);
        if (blocked)
        {
            return bind.Command();
        }

        bind
            .Set("OccurredAt", input.OccurredAt, NpgsqlDbType.TimestampTz)
            .Set("AmountBase", input.AmountBase, NpgsqlDbType.Numeric)
            .Set("Type", input.Type, NpgsqlDbType.Text)
            .Set("Channel", input.Channel, NpgsqlDbType.Text)
            .Set("CounterpartyKey", input.CounterpartyKey, NpgsqlDbType.Bytea)
            .Set("Hour", HourOf(input.OccurredAt), NpgsqlDbType.TimestampTz);
        if (@case is null)
        {
            return bind.Command();
        }

        return bind
            .Set("CaseId", Guid.CreateVersion7(), NpgsqlDbType.Uuid)
            .Set("CaseInbox", @case.Inbox, NpgsqlDbType.Text)
            .Set("CasePriority", (short)@case.Priority, NpgsqlDbType.Smallint)
            .Set("CaseDueAt", @case.DueAt, NpgsqlDbType.TimestampTz)
            .Set("CaseReasonCodes", @case.ReasonCodes, NpgsqlDbType.Array | NpgsqlDbType.Text)
            .Set("JoinAfter", decided.DecidedAt - caseJoinWindow, NpgsqlDbType.TimestampTz)
            .Set("CaseAt", decided.DecidedAt, NpgsqlDbType.TimestampTz)
            .Command();
    }
}
