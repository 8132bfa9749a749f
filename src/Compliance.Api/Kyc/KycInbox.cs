using Compliance.Api.Kyc.Callbacks;
using Compliance.Api.Storage;
using Dapper;
using Npgsql;

namespace Compliance.Api.Kyc;

/// <summary>
/// Verified callbacks, stored before they are acknowledged (unique by the provider's event identity),
/// and processed afterwards by <see cref="KycInboxProcessor"/>.
/// </summary>
internal sealed class KycInbox(NpgsqlDataSource dataSource, TimeProvider time, Audit.AuditLog audit, KycInboxSignal signal)
{
    // Unmatched (the applicant was not known yet) and failed events go back to the processor as received.
    private const string Retry = """
        UPDATE kyc_inbox SET state = 'received', detail = NULL, next_attempt_at = NULL
        WHERE id = @Id AND state IN ('unmatched', 'failed')
        RETURNING provider || ' ' || event_id
        """;

    private const string Insert = """
        INSERT INTO kyc_inbox (provider, event_id, event_type, provider_ref, customer_ref, status, screening, raw_status, reason_codes,
                               occurred_at, needs_fetch, body_sha256, request_id, received_at)
        VALUES (@Provider, @EventId, @EventType, @ProviderRef, @CustomerRef, @Status, @Screening, @RawStatus, @ReasonCodes,
                @OccurredAt, @NeedsFetch, @BodySha256, @RequestId, @Now)
        ON CONFLICT (provider, event_id) DO NOTHING
        """;

    private const string SelectByState = $"""
        SELECT {KycInboxRow.Columns}
        FROM kyc_inbox WHERE (@State::text IS NULL OR state = @State) AND id < @Before ORDER BY id DESC LIMIT @Limit
        """;

    /// <summary>Stores the event; false when this provider already delivered an event with the same identity.</summary>
    public async Task<bool> ReceiveAsync(string provider, KycCallbackEvent e, byte[] bodySha256, string requestId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(Insert, new
        {
            Provider = provider,
            e.EventId,
            e.EventType,
            e.ProviderRef,
            e.CustomerRef,
            Status = e.Status?.ToCode(),
            Screening = e.Screening?.ToCode(),
            e.RawStatus,
            ReasonCodes = e.ReasonCodes.ToArray(),
            OccurredAt = e.OccurredAt is { } at ? CanonicalWriter.ToMicroseconds(at) : (DateTimeOffset?)null,
            e.NeedsFetch,
            BodySha256 = bodySha256,
            RequestId = requestId,
            Now = CanonicalWriter.ToMicroseconds(time.GetUtcNow()),
        }, cancellationToken: cancellationToken));
        return inserted == 1;
    }

    /// <summary>
    /// Sends an unmatched or failed event through processing again (an officer's retry, audited); false
    /// when there is no such event in one of those states.
    /// </summary>
    public async Task<bool> RetryAsync(long id, string principal, string? requestId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var retried = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(Retry, new { Id = id }, transaction, cancellationToken: cancellationToken));
        if (retried is null)
        {
            return false;
        }

        await audit.AppendAsync(connection, transaction, new Audit.AuditEvent(principal, "kyc.inbox.retry", Audit.AuditOutcome.Success, "kyc_event",
            id.ToString(System.Globalization.CultureInfo.InvariantCulture), RequestId: requestId, Detail: retried), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signal.Notify();
        return true;
    }

    /// <summary>Newest first; <paramref name="before"/> pages back from an event id.</summary>
    public async Task<IReadOnlyList<KycInboxRow>> ListAsync(string? state, int limit, CancellationToken cancellationToken, long before = long.MaxValue)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<KycInboxRow>(new CommandDefinition(SelectByState, new { State = state, Limit = limit, Before = before },
            cancellationToken: cancellationToken));
        return rows.AsList();
    }
}
