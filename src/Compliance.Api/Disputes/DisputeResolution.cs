using Compliance.Api.Audit;
using Compliance.Api.Webhooks;
using Dapper;
using Npgsql;

namespace Compliance.Api.Disputes;

/// <summary>
/// Ends a dispute, inside the caller's transaction, whoever ends it: the rules at opening, an officer
/// closing its case, or a passed evidence deadline. An accepted dispute refunds the customer: once
/// accepted disputes add up to the transaction's amount, the transaction is reported reversed and
/// stops counting towards velocity (as <c>POST /v1/checks/{id}/outcome</c> would); a partial refund
/// lowers the amount it counts with. The client hears it by the <c>dispute.resolved</c> webhook.
/// </summary>
internal static class DisputeResolution
{
    public const string Columns = """
        dispute_id AS DisputeId, transaction_id AS TransactionId, customer_id AS CustomerId, client_key_id AS ClientKeyId, request_hash AS RequestHash,
        kind AS Kind, reason AS Reason, amount AS Amount, currency AS Currency, amount_base AS AmountBase, transaction_amount AS TransactionAmount,
        state AS State, step AS Step, reasons AS Reasons, facts AS Facts, rule_set AS RuleSet, rule_set_version AS RuleSetVersion,
        on_evidence_missed AS OnEvidenceMissed, case_id AS CaseId, evidence_due_at AS EvidenceDueAt, evidence_at AS EvidenceAt, opened_at AS OpenedAt,
        resolved_at AS ResolvedAt, resolved_by AS ResolvedBy, resolution_reason AS ResolutionReason
        """;

    private const string Resolve = $"""
        UPDATE disputes SET state = @State, resolved_at = @At, resolved_by = @By, resolution_reason = @Reason
        WHERE dispute_id = @DisputeId AND resolved_at IS NULL
        RETURNING {Columns}
        """;

    // Refunded in full: reversed (unless the payment system already said so) and no longer counted;
    // in part: counted with what is left.
    private const string Refund = """
        UPDATE decisions SET outcome = 'reversed', outcome_at = @At
        WHERE transaction_id = @TransactionId AND @Full AND (outcome IS NULL OR outcome = 'completed');
        UPDATE velocity_entries
        SET counted = counted AND NOT @Full, amount_base = CASE WHEN @Full THEN amount_base ELSE GREATEST(amount_base - @AmountBase, 0) END
        WHERE transaction_id = @TransactionId;
        """;

    private const string AcceptedSoFar = "SELECT coalesce(sum(amount), 0) FROM disputes WHERE transaction_id = @TransactionId AND state = 'accepted'";

    /// <summary>
    /// Accepts or rejects <paramref name="dispute"/>; null when it was already resolved. <paramref name="by"/>
    /// is who decided (<c>rules</c>, an officer's principal, <c>deadline</c>), <paramref name="resolvedBy"/>
    /// the kind of decider the client is told.
    /// </summary>
    public static async Task<DisputeRow?> ResolveAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, AuditLog audit, DisputeRow dispute, bool accept, string by, string resolvedBy, string reason,
        string? requestId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        var resolved = await connection.QuerySingleOrDefaultAsync<DisputeRow>(new CommandDefinition(Resolve, new
        {
            dispute.DisputeId, State = accept ? DisputeStates.Accepted : DisputeStates.Rejected, At = at, By = by, Reason = reason,
        }, transaction, cancellationToken: cancellationToken));
        if (resolved is null)
        {
            return null;
        }

        var full = false;
        if (accept)
        {
            var accepted = await connection.ExecuteScalarAsync<decimal>(new CommandDefinition(AcceptedSoFar, new { dispute.TransactionId }, transaction,
                cancellationToken: cancellationToken));
            full = accepted >= dispute.TransactionAmount;
            await connection.ExecuteAsync(new CommandDefinition(Refund, new { dispute.TransactionId, Full = full, dispute.AmountBase, At = at }, transaction,
                cancellationToken: cancellationToken));
        }

        await audit.AppendAsync(connection, transaction, new AuditEvent(by, accept ? "dispute.accepted" : "dispute.rejected", AuditOutcome.Success, "dispute",
            dispute.DisputeId, RequestId: requestId, Detail: $"transaction {dispute.TransactionId}; by {resolvedBy}" + (accept ? full ? "; refunded in full" : "; refunded in part" : "")),
            cancellationToken);
        if (dispute.ClientKeyId is { } keyId)
        {
            await WebhookOutbox.EnqueueAsync(connection, transaction, keyId, dispute.TransactionId, "dispute.resolved", new
            {
                disputeId = dispute.DisputeId,
                transactionId = dispute.TransactionId,
                resolution = resolved.State,
                resolvedBy,
                amount = dispute.Amount,
                currency = dispute.Currency,
                refundedInFull = full,
                caseId = dispute.CaseId,
                resolvedAt = at,
            }, at, cancellationToken);
        }

        return resolved;
    }
}
