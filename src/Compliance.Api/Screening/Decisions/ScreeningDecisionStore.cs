using System.Text.Json;
using Compliance.Api.Audit;
using Compliance.Api.Screening.Lists;
using Compliance.Api.Screening.Matching;
using Dapper;
using Npgsql;

namespace Compliance.Api.Screening.Decisions;

/// <summary>
/// Officers' decisions on a customer's screening hits. Confirming a match takes effect at once (the
/// customer's <c>screening_status</c> becomes <c>confirmed_match</c>, which the shipped rules block);
/// a false positive needs a second officer, and once approved the customer's possible match clears
/// if no other hit of the latest screening, and no provider's screening, still holds it. Every step
/// is an audit event in the same transaction, under the customer's row lock.
/// </summary>
internal sealed class ScreeningDecisionStore(NpgsqlDataSource dataSource, AuditLog audit, TimeProvider time)
{
    private const string Columns = """
        id AS Id, customer_id AS CustomerId, list AS List, list_version AS ListVersion, entry_id AS EntryId, decision AS Decision, state AS State,
        screening_id AS ScreeningId, proposed_by AS ProposedBy, proposed_at AS ProposedAt, decided_by AS DecidedBy, decided_at AS DecidedAt
        """;

    private const string LockCustomer = "SELECT screening_status FROM customers WHERE id = @CustomerId FOR UPDATE";

    // The newest screening that had this hit, the list version it was in, and the entry's content there.
    private const string FindHit = """
        SELECT s.id AS ScreeningId, (hit ->> 'listVersion')::int AS ListVersion, e.content_hash AS ContentHash
        FROM customer_screenings s
        CROSS JOIN LATERAL jsonb_array_elements(s.hits) AS hit
        JOIN screening_list_entries e ON e.list = hit ->> 'list' AND e.version = (hit ->> 'listVersion')::int AND e.entry_id = hit ->> 'entryId'
        WHERE s.customer_id = @CustomerId AND hit ->> 'list' = @List AND hit ->> 'entryId' = @EntryId
        ORDER BY s.screened_at DESC
        LIMIT 1
        """;

    private const string InForce = """
        SELECT decision AS Decision, content_hash AS ContentHash FROM screening_match_decisions
        WHERE customer_id = @CustomerId AND list = @List AND entry_id = @EntryId AND state = 'approved'
        ORDER BY decided_at DESC LIMIT 1
        """;

    private const string HasPending = """
        SELECT EXISTS (SELECT 1 FROM screening_match_decisions WHERE customer_id = @CustomerId AND list = @List AND entry_id = @EntryId AND state = 'pending')
        """;

    private const string Insert = $"""
        INSERT INTO screening_match_decisions (id, customer_id, list, list_version, entry_id, content_hash, decision, state, screening_id,
                                               proposed_by, proposed_at, decided_by, decided_at)
        VALUES (@Id, @CustomerId, @List, @ListVersion, @EntryId, @ContentHash, @Decision, @State, @ScreeningId, @Principal, @At,
                CASE WHEN @State = 'approved' THEN @Principal END, CASE WHEN @State = 'approved' THEN @At END)
        RETURNING {Columns}
        """;

    private const string SelectForUpdate = $"SELECT {Columns} FROM screening_match_decisions WHERE id = @Id AND customer_id = @CustomerId FOR UPDATE";

    private const string Decide = $"""
        UPDATE screening_match_decisions SET state = @State, decided_by = @Principal, decided_at = @At WHERE id = @Id
        RETURNING {Columns}
        """;

    private const string SetStatus = "UPDATE customers SET screening_status = @Status WHERE id = @CustomerId";

    private const string LatestScreening = """
        SELECT hits FROM customer_screenings WHERE customer_id = @CustomerId ORDER BY screened_at DESC LIMIT 1
        """;

    // A provider's screening (ComplyAdvantage...) that says possible or confirmed match keeps the status whatever our lists say.
    private const string ProviderHolds = """
        SELECT coalesce((SELECT status IN ('potential_match', 'confirmed_match') FROM kyc_verifications
                         WHERE customer_id = @CustomerId AND kind = 'screening' ORDER BY created_at DESC LIMIT 1), false)
        """;

    private const string Screenings = """
        SELECT id AS Id, screened_at AS ScreenedAt, trigger AS Trigger, list_versions AS ListVersions, threshold AS Threshold, status AS Status,
               hits::text AS Hits, whitelisted AS Whitelisted
        FROM customer_screenings WHERE customer_id = @CustomerId ORDER BY screened_at DESC LIMIT @Limit
        """;

    private const string Decisions = $"SELECT {Columns} FROM screening_match_decisions WHERE customer_id = @CustomerId ORDER BY proposed_at DESC LIMIT @Limit";

    public async Task<DecisionResult> ProposeAsync(
        string customerId, string list, string entryId, string decision, string principal, string? requestId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var status = await Lock(connection, transaction, customerId, cancellationToken);
        if (status is null)
        {
            return new DecisionResult(DecisionOutcome.CustomerNotFound);
        }

        var keys = new { CustomerId = customerId, List = list, EntryId = entryId };
        var hit = await connection.QuerySingleOrDefaultAsync<HitRow>(new CommandDefinition(FindHit, keys, transaction, cancellationToken: cancellationToken));
        if (hit is null)
        {
            return new DecisionResult(DecisionOutcome.HitNotFound);
        }

        if (await connection.ExecuteScalarAsync<bool>(new CommandDefinition(HasPending, keys, transaction, cancellationToken: cancellationToken)))
        {
            return new DecisionResult(DecisionOutcome.Pending);
        }

        var inForce = await connection.QuerySingleOrDefaultAsync<InForceRow>(new CommandDefinition(InForce, keys, transaction, cancellationToken: cancellationToken));
        if (inForce is not null && inForce.Decision == decision && (decision == MatchDecision.ConfirmedMatch || inForce.ContentHash.AsSpan().SequenceEqual(hit.ContentHash)))
        {
            return new DecisionResult(DecisionOutcome.AlreadyInForce);
        }

        if (inForce?.Decision == MatchDecision.ConfirmedMatch)
        {
            return new DecisionResult(DecisionOutcome.ConfirmedNotReversible);
        }

        var confirm = decision == MatchDecision.ConfirmedMatch;
        var row = await connection.QuerySingleAsync<ScreeningDecisionRow>(new CommandDefinition(Insert, new
        {
            Id = Guid.CreateVersion7(),
            CustomerId = customerId,
            List = list,
            hit.ListVersion,
            EntryId = entryId,
            hit.ContentHash,
            Decision = decision,
            State = confirm ? "approved" : "pending",
            hit.ScreeningId,
            Principal = principal,
            At = time.GetUtcNow(),
        }, transaction, cancellationToken: cancellationToken));
        var entry = $"{list}:{entryId} (version {hit.ListVersion})";
        if (confirm)
        {
            await connection.ExecuteAsync(new CommandDefinition(SetStatus, new { CustomerId = customerId, Status = MatchDecision.ConfirmedMatch }, transaction,
                cancellationToken: cancellationToken));
            await audit.AppendAsync(connection, transaction, new AuditEvent(principal, "screening.match_confirmed", AuditOutcome.Success, "customer", customerId,
                RequestId: requestId, Detail: $"{entry} confirmed as the customer; screening status {status} -> confirmed_match"), cancellationToken);
            status = MatchDecision.ConfirmedMatch;
        }
        else
        {
            await audit.AppendAsync(connection, transaction, new AuditEvent(principal, "screening.false_positive_proposed", AuditOutcome.Success, "customer",
                customerId, RequestId: requestId, Detail: $"{entry} proposed as a false positive (decision {row.Id}); a second officer must approve"),
                cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new DecisionResult(DecisionOutcome.Done, row, status);
    }

    /// <summary>A second officer approves or rejects a proposed false positive.</summary>
    public async Task<DecisionResult> DecideAsync(
        string customerId, Guid decisionId, bool approve, string principal, string? requestId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var status = await Lock(connection, transaction, customerId, cancellationToken);
        if (status is null)
        {
            return new DecisionResult(DecisionOutcome.CustomerNotFound);
        }

        var row = await connection.QuerySingleOrDefaultAsync<ScreeningDecisionRow>(new CommandDefinition(SelectForUpdate,
            new { Id = decisionId, CustomerId = customerId }, transaction, cancellationToken: cancellationToken));
        if (row is null)
        {
            return new DecisionResult(DecisionOutcome.DecisionNotFound);
        }

        if (row.State != "pending")
        {
            return new DecisionResult(DecisionOutcome.NotPending, row, status);
        }

        if (row.ProposedBy == principal)
        {
            return new DecisionResult(DecisionOutcome.SameOfficer, row, status);
        }

        row = await connection.QuerySingleAsync<ScreeningDecisionRow>(new CommandDefinition(Decide,
            new { Id = decisionId, State = approve ? "approved" : "rejected", Principal = principal, At = time.GetUtcNow() }, transaction,
            cancellationToken: cancellationToken));
        var detail = $"{row.List}:{row.EntryId} (version {row.ListVersion}) as a false positive, proposed by {row.ProposedBy} (decision {row.Id})";
        if (approve)
        {
            var cleared = await ClearsAsync(connection, transaction, customerId, status, cancellationToken);
            if (cleared)
            {
                await connection.ExecuteAsync(new CommandDefinition(SetStatus, new { CustomerId = customerId, Status = "clear" }, transaction,
                    cancellationToken: cancellationToken));
                status = "clear";
            }

            detail += cleared ? "; screening status potential_match -> clear" : $"; screening status stays {status}";
        }

        await audit.AppendAsync(connection, transaction, new AuditEvent(principal, approve ? "screening.false_positive_approved" : "screening.false_positive_rejected",
            AuditOutcome.Success, "customer", customerId, RequestId: requestId, Detail: detail), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new DecisionResult(DecisionOutcome.Done, row, status);
    }

    public async Task<CustomerScreeningView?> ViewAsync(string customerId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var status = await connection.ExecuteScalarAsync<string?>(new CommandDefinition("SELECT screening_status FROM customers WHERE id = @CustomerId",
            new { CustomerId = customerId }, cancellationToken: cancellationToken));
        if (status is null)
        {
            return null;
        }

        var screenings = await connection.QueryAsync<CustomerScreeningRow>(new CommandDefinition(Screenings, new { CustomerId = customerId, Limit = limit },
            cancellationToken: cancellationToken));
        var decisions = await connection.QueryAsync<ScreeningDecisionRow>(new CommandDefinition(Decisions, new { CustomerId = customerId, Limit = limit },
            cancellationToken: cancellationToken));
        return new CustomerScreeningView(customerId, status,
            [.. screenings.Select(s => new CustomerScreeningResponse(s.Id, Storage.DbTime.Utc(s.ScreenedAt), s.Trigger, s.ListVersions, s.Threshold, s.Status,
                JsonSerializer.Deserialize<JsonElement>(s.Hits), s.Whitelisted))],
            [.. decisions.Select(d => ScreeningDecisionResponse.From(d, status))]);
    }

    private static Task<string?> Lock(NpgsqlConnection connection, NpgsqlTransaction transaction, string customerId, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<string?>(new CommandDefinition(LockCustomer, new { CustomerId = customerId }, transaction, cancellationToken: cancellationToken));

    /// <summary>
    /// Whether the customer's possible match ends now: it was ours to end (a provider does not hold it)
    /// and every hit of the latest screening is a false positive in force.
    /// </summary>
    private static async Task<bool> ClearsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string customerId, string status,
        CancellationToken cancellationToken)
    {
        if (status != "potential_match"
            || await connection.ExecuteScalarAsync<bool>(new CommandDefinition(ProviderHolds, new { CustomerId = customerId }, transaction, cancellationToken: cancellationToken)))
        {
            return false;
        }

        var json = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(LatestScreening, new { CustomerId = customerId }, transaction,
            cancellationToken: cancellationToken));
        var hits = json is null ? [] : JsonSerializer.Deserialize<List<ScreeningHit>>(json, ScreeningListStore.Json) ?? [];
        var whitelisted = await Whitelist.OfAsync(connection, transaction, customerId, hits, cancellationToken);
        return hits.All(h => whitelisted.Contains(h.Key()));
    }

    private sealed class HitRow
    {
        public Guid ScreeningId { get; init; }

        public int ListVersion { get; init; }

        public byte[] ContentHash { get; init; } = [];
    }

    private sealed class InForceRow
    {
        public string Decision { get; init; } = "";

        public byte[] ContentHash { get; init; } = [];
    }
}
