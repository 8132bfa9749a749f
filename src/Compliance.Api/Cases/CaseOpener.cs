using Dapper;
using Npgsql;

namespace Compliance.Api.Cases;

/// <summary>
/// Opens a review case for something other than a check (a KYC result that needs a human, a possible
/// screening match), or joins the customer's open one, inside the caller's transaction. It takes the
/// customer's check lock first, so it never races a check of the same customer opening a case.
/// </summary>
internal sealed class CaseOpener(CaseRouting routing)
{
    /// <summary>
    /// The CTEs <c>open_case</c>, <c>joined</c> and <c>opened</c>: the customer's open review case younger
    /// than the join window takes the new reason codes and the more urgent priority and due time, or a
    /// new case opens. Only when <paramref name="guard"/> holds (the check path: its decision was
    /// inserted). Parameters: @CustomerId, @JoinAfter, @CaseAt, @CaseId, @CaseInbox, @CasePriority,
    /// @CaseDueAt, @CaseReasonCodes. The caller links its item to <c>joined</c> or <c>opened</c>.
    /// </summary>
    public static string OpenOrJoinCtes(string guard) => $"""
        open_case AS (
            SELECT id FROM cases
            WHERE customer_id = @CustomerId AND kind = 'review' AND state <> 'closed' AND opened_at > @JoinAfter
            ORDER BY opened_at DESC LIMIT 1),
        joined AS (
            UPDATE cases
            SET updated_at = @CaseAt, priority = LEAST(priority, @CasePriority), due_at = LEAST(due_at, @CaseDueAt),
                reason_codes = ARRAY(SELECT DISTINCT code FROM unnest(reason_codes || @CaseReasonCodes) AS code ORDER BY code)
            WHERE id = (SELECT id FROM open_case) AND {guard}
            RETURNING id),
        opened AS (
            INSERT INTO cases (id, kind, customer_id, inbox, state, priority, reason_codes, opened_at, updated_at, due_at)
            SELECT @CaseId, 'review', @CustomerId, @CaseInbox, 'open', @CasePriority, @CaseReasonCodes, @CaseAt, @CaseAt, @CaseDueAt
            WHERE {guard} AND NOT EXISTS (SELECT 1 FROM open_case)
            RETURNING id)
        """;

    private static readonly string OpenOrJoin = $"""
        SELECT pg_advisory_xact_lock(@LockKey);
        WITH {OpenOrJoinCtes("TRUE")}
        INSERT INTO case_items (case_id, item_kind, ref, reason_codes, added_at)
        SELECT id, @ItemKind, @Ref, @CaseReasonCodes, @CaseAt FROM (SELECT id FROM joined UNION ALL SELECT id FROM opened) c
        ON CONFLICT DO NOTHING;
        """;

    /// <summary>
    /// Opens or joins the customer's case for <paramref name="reasonCode"/>; nothing when that code is
    /// configured to open no case. <paramref name="itemKind"/> is <c>kyc_event</c> or <c>screening</c>,
    /// <paramref name="reference"/> what the item points at.
    /// </summary>
    public async Task OpenAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string customerId, string reasonCode, string itemKind, string reference, DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        if (routing.Route([reasonCode], [], at) is not { } route)
        {
            return;
        }

        await connection.ExecuteAsync(new CommandDefinition(OpenOrJoin, new
        {
            LockKey = Checks.CheckStore.LockKey(customerId),
            CustomerId = customerId,
            JoinAfter = at - routing.JoinWindow,
            CaseAt = at,
            CasePriority = (short)route.Priority,
            CaseDueAt = route.DueAt,
            CaseReasonCodes = route.ReasonCodes,
            CaseId = Guid.CreateVersion7(),
            CaseInbox = route.Inbox,
            ItemKind = itemKind,
            Ref = reference,
        }, transaction, cancellationToken: cancellationToken));
    }
}
