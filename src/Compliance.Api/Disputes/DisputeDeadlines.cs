using Microsoft.Extensions.Options;
using Npgsql;

namespace Compliance.Api.Disputes;

/// <summary>
/// Applies passed evidence deadlines on every instance; each dispute is taken under its row lock
/// (skipping ones another instance holds), so each deadline is applied once.
/// </summary>
internal sealed class DisputeDeadlines(DisputeStore store, IOptionsMonitor<DisputeOptions> options, TimeProvider time, ILogger<DisputeDeadlines> logger)
    : BackgroundService
{
    private const int Batch = 100;

    /// <summary>One sweep: every overdue dispute; returns how many this instance applied.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var applied = 0;
        while (true)
        {
            var now = time.GetUtcNow();
            var overdue = await store.OverdueAsync(now, Batch, cancellationToken);
            var round = 0;
            foreach (var id in overdue)
            {
                if (await store.MissEvidenceAsync(id, now, TimeSpan.FromHours(options.CurrentValue.ReviewSlaHours), cancellationToken) is { } step)
                {
                    round++;
                    DisputeLog.EvidenceMissed(logger, id, step);
                }
            }

            applied += round;

            // A full batch that another instance is applying right now: leave it to that instance rather than spin.
            if (overdue.Count < Batch || round == 0)
            {
                return applied;
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepAsync(stoppingToken);
                await Task.Delay(TimeSpan.FromSeconds(options.CurrentValue.DeadlineSweepSeconds), time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                DisputeLog.SweepFailed(logger, e.GetType().Name);
                await Task.Delay(TimeSpan.FromSeconds(options.CurrentValue.DeadlineSweepSeconds), time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
