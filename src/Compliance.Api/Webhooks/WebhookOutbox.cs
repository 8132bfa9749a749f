using System.Text.Json;
using Dapper;
using Npgsql;

namespace Compliance.Api.Webhooks;

/// <summary>
/// The outbox: events are inserted in the transaction that produces them, so an event exists if and
/// only if its change committed; <see cref="WebhookDispatcher"/> delivers them.
/// </summary>
internal sealed class WebhookOutbox(NpgsqlDataSource dataSource)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string Columns = """
        id AS Id, event_id AS EventId, key_id AS KeyId, transaction_id AS TransactionId, event_type AS EventType, body AS Body, state AS State,
        attempts AS Attempts, next_attempt_at AS NextAttemptAt, last_status AS LastStatus, last_error AS LastError, created_at AS CreatedAt,
        delivered_at AS DeliveredAt
        """;

    // Due events whose transaction has no earlier event still pending: one transaction's events go
    // out in order. Claimed by pushing next_attempt_at past the attempt's lease, so a crash mid-send
    // leaves the event due again afterwards (at least once).
    private const string Claim = $"""
        UPDATE webhook_outbox w SET next_attempt_at = @LeaseUntil, attempts = w.attempts + 1
        WHERE w.id IN (
            SELECT o.id FROM webhook_outbox o
            WHERE o.state = 'pending' AND o.next_attempt_at <= @Now
              AND NOT EXISTS (SELECT 1 FROM webhook_outbox e WHERE e.transaction_id = o.transaction_id AND e.state = 'pending' AND e.id < o.id)
            ORDER BY o.next_attempt_at, o.id
            LIMIT @Limit
            FOR UPDATE SKIP LOCKED)
        RETURNING {Columns}
        """;

    /// <summary>
    /// Queues a <paramref name="eventType"/> event about <paramref name="transactionId"/> for the key's
    /// endpoint, inside the caller's transaction; nothing when the key has no endpoint.
    /// </summary>
    public static async Task EnqueueAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid keyId, string transactionId, string eventType, object data, DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        var eventId = Guid.CreateVersion7();
        var body = JsonSerializer.Serialize(new { type = eventType, id = eventId, timestamp = at, data }, Json);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO webhook_outbox (event_id, key_id, transaction_id, event_type, body, state, next_attempt_at, created_at)
            SELECT @EventId, @KeyId, @TransactionId, @EventType, @Body, 'pending', @At, @At
            WHERE EXISTS (SELECT 1 FROM webhook_endpoints WHERE key_id = @KeyId)
            """, new { EventId = eventId, KeyId = keyId, TransactionId = transactionId, EventType = eventType, Body = body, At = at },
            transaction, cancellationToken: cancellationToken));
    }

    /// <summary>When the oldest event not yet delivered (nor dead) was queued; null when none is.</summary>
    public async Task<DateTimeOffset?> OldestPendingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var at = await connection.ExecuteScalarAsync<DateTime?>(new CommandDefinition(
            "SELECT min(created_at) FROM webhook_outbox WHERE state = 'pending'", cancellationToken: cancellationToken));
        return at is { } utc ? new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)) : null;
    }

    public async Task<IReadOnlyList<OutboxRow>> ClaimAsync(int limit, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<OutboxRow>(new CommandDefinition(Claim,
            new { Now = now, LeaseUntil = now + lease, Limit = limit }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public async Task DeliveredAsync(long id, int status, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE webhook_outbox SET state = 'delivered', delivered_at = @At, last_status = @Status, last_error = NULL WHERE id = @Id",
            new { Id = id, Status = status, At = at }, cancellationToken: cancellationToken));
    }

    /// <summary>Records a failed attempt: due again at <paramref name="retryAt"/>, or dead when that is null.</summary>
    public async Task FailedAsync(long id, int? status, string error, DateTimeOffset? retryAt, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE webhook_outbox
            SET state = CASE WHEN @RetryAt::timestamptz IS NULL THEN 'dead' ELSE 'pending' END,
                next_attempt_at = coalesce(@RetryAt, next_attempt_at), last_status = @Status, last_error = @Error
            WHERE id = @Id
            """, new { Id = id, Status = status, Error = error, RetryAt = retryAt }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<OutboxRow>> PageAsync(Guid keyId, string? state, long after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<OutboxRow>(new CommandDefinition($"""
            SELECT {Columns} FROM webhook_outbox
            WHERE key_id = @KeyId AND (@State::text IS NULL OR state = @State) AND id > @After
            ORDER BY id LIMIT @Limit
            """, new { KeyId = keyId, State = state, After = after, Limit = limit }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>Makes a dead or delivered event due again now, with a fresh attempt count; null when the key has no such event.</summary>
    public async Task<OutboxRow?> RedeliverAsync(Guid keyId, long id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<OutboxRow>(new CommandDefinition($"""
            UPDATE webhook_outbox SET state = 'pending', attempts = 0, next_attempt_at = @Now, delivered_at = NULL
            WHERE id = @Id AND key_id = @KeyId AND state <> 'pending'
            RETURNING {Columns}
            """, new { Id = id, KeyId = keyId, Now = now }, cancellationToken: cancellationToken))
            ?? await connection.QuerySingleOrDefaultAsync<OutboxRow>(new CommandDefinition(
                $"SELECT {Columns} FROM webhook_outbox WHERE id = @Id AND key_id = @KeyId", new { Id = id, KeyId = keyId }, cancellationToken: cancellationToken));
    }
}
