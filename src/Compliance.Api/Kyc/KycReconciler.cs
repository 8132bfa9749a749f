using Compliance.Api.Kyc.Providers;
using Compliance.Api.Storage;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Compliance.Api.Kyc;

/// <summary>
/// Re-reads from the provider every verification still open (none or pending) for longer than
/// <see cref="KycOptions.ReconcileAfterMinutes"/>: providers stop retrying callbacks after anything
/// from seconds (ComplyAdvantage Mesh) to days (Veriff), so a missed callback must not leave a
/// customer pending for ever.
/// </summary>
internal sealed class KycReconciler(
    NpgsqlDataSource dataSource, KycStatusApplier applier, IServiceScopeFactory scopes, IOptions<KycOptions> options, TimeProvider time,
    ILogger<KycReconciler> logger) : BackgroundService
{
    private const int BatchSize = 100;

    private const string SelectDue = """
        SELECT id AS Id, provider AS Provider, provider_ref AS ProviderRef
        FROM kyc_verifications
        WHERE status IN ('none', 'pending') AND coalesce(reconciled_at, updated_at) < @Before
        ORDER BY coalesce(reconciled_at, updated_at) LIMIT @Limit
        """;

    private const string MarkReconciled = "UPDATE kyc_verifications SET reconciled_at = @Now WHERE id = @Id";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.ReconcileIntervalSeconds <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.ReconcileIntervalSeconds), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                KycLog.ReconciliationFailed(logger, e.GetType().Name, e);
            }
        }
    }

    /// <summary>One pass: re-reads up to a batch of due verifications; returns how many changed status.</summary>
    public async Task<ReconciliationResult> RunOnceAsync(CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow() - TimeSpan.FromMinutes(options.Value.ReconcileAfterMinutes);
        List<DueVerification> due;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            due = (await connection.QueryAsync<DueVerification>(new CommandDefinition(
                SelectDue, new { Before = before, Limit = BatchSize }, cancellationToken: cancellationToken))).AsList();
        }

        var result = new ReconciliationResult();
        using var scope = scopes.CreateScope();
        var clients = scope.ServiceProvider.GetRequiredService<KycProviderClients>();
        foreach (var verification in due)
        {
            result = result with { Checked = result.Checked + 1 };
            var client = clients.For(verification.Provider);
            ProviderState state;
            try
            {
                state = client is null
                    ? throw new KycProviderException(verification.Provider, KycProviderFailure.Refused, "No client for this provider.")
                    : await client.FetchAsync(verification.ProviderRef, cancellationToken);
            }
            catch (KycProviderException e)
            {
                KycLog.FetchFailed(logger, verification.Provider, verification.Id, e.Failure.ToString());
                result = result with { Failed = result.Failed + 1 };
                continue;
            }

            var observation = KycObservation.FromProvider(state, time.GetUtcNow(), "reconciliation", eventId: null);
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var applied = await applier.ApplyAsync(connection, transaction, verification.Id, observation, requestId: null, cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(MarkReconciled, new
            {
                Now = CanonicalWriter.ToMicroseconds(time.GetUtcNow()),
                verification.Id,
            }, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            if (applied == KycApplyResult.Changed)
            {
                result = result with { Changed = result.Changed + 1 };
            }
        }

        if (due.Count > 0)
        {
            KycLog.Reconciled(logger, result.Checked, result.Changed, result.Failed);
        }

        return result;
    }

    private sealed record DueVerification(Guid Id, string Provider, string ProviderRef);
}
