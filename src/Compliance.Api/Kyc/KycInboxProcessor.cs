using Compliance.Api.Kyc.Providers;
using Compliance.Api.Storage;
using Dapper;
using Npgsql;

namespace Compliance.Api.Kyc;

/// <summary>
/// Applies stored callbacks, oldest first. Each event is claimed with <c>FOR UPDATE SKIP LOCKED</c>, so
/// several instances can run this safely; an event whose provider read fails is retried with backoff.
/// </summary>
internal sealed class KycInboxProcessor(
    NpgsqlDataSource dataSource, KycInboxSignal signal, KycStatusApplier applier, IServiceScopeFactory scopes, TimeProvider time,
    ILogger<KycInboxProcessor> logger) : BackgroundService
{
    /// <summary>After this many failed provider reads an event is marked failed; reconciliation still covers its verification.</summary>
    public const int MaxAttempts = 8;

    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);

    private const string Claim = $"""
        SELECT {KycInboxRow.Columns}
        FROM kyc_inbox
        WHERE state = 'received' AND (next_attempt_at IS NULL OR next_attempt_at <= @Now)
        ORDER BY id LIMIT 1
        FOR UPDATE SKIP LOCKED
        """;

    // The applicant id matches too: Onfido's check and report events name the applicant, not the workflow run.
    private const string FindVerification = """
        SELECT id FROM kyc_verifications
        WHERE provider = @Provider AND (provider_ref = @Ref OR applicant_ref = @Ref)
        ORDER BY (provider_ref = @Ref) DESC, created_at DESC LIMIT 1
        """;

    private const string Finish = "UPDATE kyc_inbox SET state = @State, detail = @Detail, processed_at = @Now, attempts = attempts + 1 WHERE id = @Id";

    private const string Defer = "UPDATE kyc_inbox SET attempts = attempts + 1, next_attempt_at = @Next, detail = @Detail WHERE id = @Id";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await ProcessNextAsync(stoppingToken))
                {
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The database is away, or an event broke processing: the event stays waiting, log and try again later.
                KycLog.InboxFailed(logger, e.GetType().Name, e);
            }

            await signal.WaitAsync(Poll, stoppingToken);
        }
    }

    /// <summary>Processes one waiting event; false when there is none.</summary>
    public async Task<bool> ProcessNextAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow();
        var row = await connection.QuerySingleOrDefaultAsync<KycInboxRow>(new CommandDefinition(Claim, new { Now = now }, transaction, cancellationToken: cancellationToken));
        if (row is null)
        {
            return false;
        }

        // A savepoint, so an event that breaks processing (a bug, not an outage) is marked failed and
        // set aside instead of blocking every event behind it.
        await transaction.SaveAsync("event", cancellationToken);
        string? state;
        string detail;
        try
        {
            (state, detail) = await ProcessAsync(connection, transaction, row, cancellationToken);
        }
        catch (Exception e) when (e is not (NpgsqlException or TimeoutException or OperationCanceledException))
        {
            await transaction.RollbackAsync("event", cancellationToken);
            KycLog.EventBroke(logger, row.Provider, row.EventType, row.Id, e.GetType().Name, e);
            (state, detail) = ("failed", $"processing failed: {e.GetType().Name}");
        }

        if (state is null)
        {
            var attempts = row.Attempts + 1;
            if (attempts >= MaxAttempts)
            {
                state = "failed";
            }
            else
            {
                // 2 s, 4 s, 8 s ... capped at 10 minutes.
                var next = now + TimeSpan.FromSeconds(Math.Min(600, Math.Pow(2, attempts)));
                await connection.ExecuteAsync(new CommandDefinition(Defer, new { Next = next, Detail = detail, row.Id }, transaction, cancellationToken: cancellationToken));
                await transaction.CommitAsync(cancellationToken);
                return true;
            }
        }

        await connection.ExecuteAsync(new CommandDefinition(Finish, new
        {
            State = state,
            Detail = detail,
            Now = CanonicalWriter.ToMicroseconds(time.GetUtcNow()),
            row.Id,
        }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        KycLog.EventProcessed(logger, row.Provider, row.EventType, row.Id, state, detail);
        return true;
    }

    /// <summary>The inbox state the event ends in and why; a null state means "try again later".</summary>
    private async Task<(string? State, string Detail)> ProcessAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, KycInboxRow row, CancellationToken cancellationToken)
    {
        var verificationId = await connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(
            FindVerification, new { row.Provider, Ref = row.ProviderRef }, transaction, cancellationToken: cancellationToken));
        if (verificationId is not { } id)
        {
            KycLog.Unmatched(logger, row.Provider, row.EventType, row.Id);
            return ("unmatched", "no verification with this provider reference");
        }

        // The applier says when the event alone cannot settle the status (no time, or the same time as a
        // different status); a payload without its result (Onfido check.completed) needs the read anyway.
        var result = row.NeedsFetch ? KycApplyResult.NeedsFetch : await applier.ApplyAsync(connection, transaction, id, FromEvent(row), row.RequestId, cancellationToken);
        if (result == KycApplyResult.NeedsFetch)
        {
            if (await FetchAsync(connection, transaction, id, row.Provider, row.EventId, cancellationToken) is not { } fetched)
            {
                return (null, "provider read failed; will retry");
            }

            result = await applier.ApplyAsync(connection, transaction, id, fetched, row.RequestId, cancellationToken);
        }

        return result switch
        {
            KycApplyResult.Changed => ("applied", $"verification {id}"),
            KycApplyResult.Unchanged => ("ignored", "no status change"),
            KycApplyResult.Older => ("ignored", "older than the newest applied event"),
            _ => throw new InvalidOperationException("A provider read always carries a time, so it never needs another."),
        };
    }

    private static KycObservation FromEvent(KycInboxRow row) => new(
        KycStatusCodes.TryParse(row.Status, out var status) ? status : null,
        ScreeningStatusCodes.Parse(row.Screening),
        row.RawStatus,
        row.ReasonCodes,
        row.OccurredAt is { } at ? new DateTimeOffset(at, TimeSpan.Zero) : null,
        Authoritative: false,
        Source: "callback",
        row.EventId);

    /// <summary>Reads the verification's state from its provider; null when the provider cannot be reached.</summary>
    private async Task<KycObservation?> FetchAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid id, string provider, string eventId, CancellationToken cancellationToken)
    {
        var providerRef = await connection.QuerySingleAsync<string>(new CommandDefinition(
            "SELECT provider_ref FROM kyc_verifications WHERE id = @Id", new { Id = id }, transaction, cancellationToken: cancellationToken));
        using var scope = scopes.CreateScope();
        var client = scope.ServiceProvider.GetRequiredService<KycProviderClients>().For(provider);
        if (client is null)
        {
            return null;
        }

        try
        {
            return KycObservation.FromProvider(await client.FetchAsync(providerRef, cancellationToken), time.GetUtcNow(), "callback", eventId);
        }
        catch (KycProviderException e)
        {
            KycLog.FetchFailed(logger, provider, id, e.Failure.ToString());
            return null;
        }
    }
}
