using Compliance.Api.Audit;
using Compliance.Api.Storage;
using Dapper;
using Npgsql;

namespace Compliance.Api.Cases;

/// <summary>What a change to a case came to.</summary>
internal enum CaseChange
{
    Done,
    NotFound,
    WrongState,

    /// <summary>A "reported" closure was requested and waits for a second officer.</summary>
    AwaitingSecondOfficer,

    /// <summary>The officer who requested "reported" tried to confirm it.</summary>
    SameOfficer,

    /// <summary>A dispute case closes approved (the dispute is accepted) or declined (rejected), never reported.</summary>
    NotForDispute,
}

/// <summary>The result of a change: what happened, the case as it is now, and the state it was in.</summary>
internal sealed record CaseChangeResult(CaseChange Change, CaseRow? Case, string? StateBefore);

/// <summary>
/// Cases in PostgreSQL. Each change locks the case row, checks the state machine, updates, and
/// appends an audit event (tamper-evident chain) in the same transaction.
/// </summary>
internal sealed class CaseStore(NpgsqlDataSource dataSource, ReadReplica replica, AuditLog audit, TimeProvider time)
{
    private const string Columns = """
        id AS Id, kind AS Kind, customer_id AS CustomerId, inbox AS Inbox, state AS State, resolution AS Resolution,
        resolution_reason AS ResolutionReason, priority AS Priority, assignee AS Assignee, reason_codes AS ReasonCodes, opened_at AS OpenedAt,
        updated_at AS UpdatedAt, due_at AS DueAt, closed_at AS ClosedAt, report_requested_by AS ReportRequestedBy
        """;

    // Keyset pagination in queue order: most urgent first, then the oldest due, then id.
    private const string Page = "SELECT " + Columns + """

        FROM cases
        WHERE (@Inbox::text IS NULL OR inbox = @Inbox)
          AND (@State::text IS NULL OR state = @State)
          AND (@Assignee::text IS NULL OR assignee = @Assignee)
          AND (@Reason::text IS NULL OR @Reason = ANY (reason_codes))
          AND (@DueBefore::timestamptz IS NULL OR due_at < @DueBefore)
          AND (@AfterId::uuid IS NULL OR (priority, due_at, id) > (@AfterPriority, @AfterDue, @AfterId))
        ORDER BY priority, due_at, id
        LIMIT @Limit
        """;

    private const string One = "SELECT " + Columns + " FROM cases WHERE id = @Id";

    private const string Decisions = """
        SELECT i.ref AS TransactionId, d.decision AS Decision, d.score AS Score, i.reason_codes AS ReasonCodes, i.added_at AS AddedAt,
               d.decided_at AS DecidedAt, d.rule_set AS RuleSet, d.rule_set_version AS RuleSetVersion, d.reasons AS Reasons, d.facts AS Facts,
               d.outcome AS Outcome
        FROM case_items i JOIN decisions d ON d.transaction_id = i.ref
        WHERE i.case_id = @Id AND i.item_kind = 'decision'
        ORDER BY i.added_at, i.ref
        """;

    private const string Events = """
        SELECT item_kind AS ItemKind, ref AS Ref, reason_codes AS ReasonCodes, added_at AS AddedAt
        FROM case_items WHERE case_id = @Id AND item_kind <> 'decision'
        ORDER BY added_at, ref
        """;

    private const string Update = """
        UPDATE cases SET state = @State, assignee = @Assignee, resolution = @Resolution, resolution_reason = @ResolutionReason,
                         closed_at = @ClosedAt, report_requested_by = @ReportRequestedBy, updated_at = @At
        WHERE id = @Id
        RETURNING
        """ + " " + Columns;

    // A closed review case makes its held decisions final; a transaction finally blocked does not
    // happen, so it stops counting towards velocity.
    private const string Finalize = """
        UPDATE decisions d SET final_decision = @Final, finalized_at = @At
        FROM case_items i
        WHERE i.case_id = @Id AND i.item_kind = 'decision' AND d.transaction_id = i.ref AND d.decision = 'review' AND d.final_decision IS NULL
        RETURNING d.transaction_id AS TransactionId, d.client_key_id AS ClientKeyId;
        """;

    private const string Uncount = """
        UPDATE velocity_entries v SET counted = false
        FROM case_items i
        WHERE @Final = 'block' AND i.case_id = @Id AND i.item_kind = 'decision' AND v.transaction_id = i.ref;
        """;

    /// <summary>A page of the queue, read from the replica when there is one: a case may show a moment after it opened.</summary>
    public async Task<IReadOnlyList<CaseRow>> PageAsync(CaseFilter filter, CaseCursor? after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await replica.DataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<CaseRow>(new CommandDefinition(Page, new
        {
            filter.Inbox,
            filter.State,
            filter.Assignee,
            filter.Reason,
            filter.DueBefore,
            AfterPriority = after?.Priority ?? 0,
            AfterDue = after?.DueAt ?? DateTimeOffset.MinValue,
            AfterId = after?.Id,
            Limit = limit,
        }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public async Task<(CaseRow Case, IReadOnlyList<CaseDecisionRow> Decisions, IReadOnlyList<CaseEventRow> Events)?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<CaseRow>(new CommandDefinition(One, new { Id = id }, cancellationToken: cancellationToken));
        if (row is null)
        {
            return null;
        }

        var decisions = await connection.QueryAsync<CaseDecisionRow>(new CommandDefinition(Decisions, new { Id = id }, cancellationToken: cancellationToken));
        var events = await connection.QueryAsync<CaseEventRow>(new CommandDefinition(Events, new { Id = id }, cancellationToken: cancellationToken));
        return (row, decisions.AsList(), events.AsList());
    }

    /// <summary>
    /// Applies <paramref name="action"/> to the case if its state allows it: claim (to
    /// <paramref name="principal"/>), assign (to <paramref name="assignee"/>), escalate, or close with
    /// <paramref name="resolution"/> and <paramref name="reason"/>. Closing as "reported" takes two
    /// officers: the first call records the request, a call by another principal closes.
    /// </summary>
    public async Task<CaseChangeResult> ChangeAsync(
        Guid id, CaseAction action, string principal, string? requestId, string? assignee, string? resolution, string? reason, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var current = await connection.QuerySingleOrDefaultAsync<CaseRow>(new CommandDefinition(One + " FOR UPDATE", new { Id = id }, transaction, cancellationToken: cancellationToken));
        if (current is null)
        {
            return new CaseChangeResult(CaseChange.NotFound, null, null);
        }

        if (!CaseStates.AllowedFrom(action).Contains(current.State))
        {
            return new CaseChangeResult(CaseChange.WrongState, current, current.State);
        }

        if (action == CaseAction.Close && current.Kind == "dispute" && resolution == "reported")
        {
            return new CaseChangeResult(CaseChange.NotForDispute, current, current.State);
        }

        var next = new
        {
            Id = id,
            State = current.State,
            Assignee = current.Assignee,
            Resolution = (string?)null,
            ResolutionReason = (string?)null,
            ClosedAt = (DateTimeOffset?)null,
            ReportRequestedBy = current.ReportRequestedBy,
            At = time.GetUtcNow(),
        };
        var change = CaseChange.Done;
        string detail;
        switch (action)
        {
            case CaseAction.Claim:
                next = next with { State = CaseStates.InReview, Assignee = principal };
                detail = $"{current.State}->{CaseStates.InReview}";
                break;
            case CaseAction.Assign:
                next = next with { State = current.State == CaseStates.Open ? CaseStates.InReview : current.State, Assignee = assignee };
                detail = $"{current.State}->{next.State}; assignee {current.Assignee ?? "none"}->{assignee}";
                break;
            case CaseAction.Escalate:
                next = next with { State = CaseStates.Escalated };
                detail = $"{current.State}->{CaseStates.Escalated}";
                break;
            default:
                if (resolution == "reported" && current.ReportRequestedBy is null)
                {
                    next = next with { ReportRequestedBy = principal };
                    change = CaseChange.AwaitingSecondOfficer;
                    detail = "report requested; a second officer must confirm";
                }
                else if (resolution == "reported" && current.ReportRequestedBy == principal)
                {
                    return new CaseChangeResult(CaseChange.SameOfficer, current, current.State);
                }
                else
                {
                    next = next with { State = CaseStates.Closed, Resolution = resolution, ResolutionReason = reason, ClosedAt = next.At };
                    detail = $"{current.State}->{CaseStates.Closed} ({resolution})" + (resolution == "reported" ? $", requested by {current.ReportRequestedBy}" : "");
                }

                break;
        }

        var updated = await connection.QuerySingleAsync<CaseRow>(new CommandDefinition(Update, next, transaction, cancellationToken: cancellationToken));
        if (updated.State == CaseStates.Closed && updated.Kind == "review")
        {
            var final = FinalDecision(updated.Resolution!);
            var finalized = await connection.QueryAsync<(string TransactionId, Guid? ClientKeyId)>(new CommandDefinition(Finalize,
                new { Id = id, Final = final, next.At }, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(Uncount, new { Id = id, Final = final }, transaction, cancellationToken: cancellationToken));

            // The final answer goes to the client that asked, from the outbox, committed with the close.
            foreach (var (transactionId, clientKeyId) in finalized)
            {
                if (clientKeyId is { } keyId)
                {
                    await Webhooks.WebhookOutbox.EnqueueAsync(connection, transaction, keyId, transactionId, "check.finalized",
                        new { transactionId, decision = "review", finalDecision = final, caseId = id, resolution = updated.Resolution, finalizedAt = next.At },
                        next.At, cancellationToken);
                }
            }
        }

        // Closing a dispute's case answers the dispute, in the same transaction.
        if (updated.State == CaseStates.Closed && updated.Kind == "dispute"
            && await Disputes.DisputeStore.LockByCaseAsync(connection, transaction, id, cancellationToken) is { } dispute)
        {
            await Disputes.DisputeResolution.ResolveAsync(connection, transaction, audit, dispute, updated.Resolution == "approved", principal, "officer",
                reason!, requestId, next.At, cancellationToken);
        }

        await audit.AppendAsync(connection, transaction,
            new AuditEvent(principal, "case." + action.ToString().ToLowerInvariant(), AuditOutcome.Success, "case", id.ToString(), RequestId: requestId, Detail: detail),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CaseChangeResult(change, updated, current.State);
    }

    /// <summary>What a held transaction becomes when its case closes this way.</summary>
    public static string FinalDecision(string resolution) => resolution == "approved" ? "allow" : "block";
}
