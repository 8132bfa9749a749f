using Microsoft.Extensions.Options;

namespace Compliance.Api.Audit;

/// <summary>Writes a checkpoint of the chain heads every <see cref="AuditOptions.CheckpointMinutes"/>.</summary>
internal sealed class ChainCheckpointer(ChainCheckpoints checkpoints, IOptions<AuditOptions> options, ILogger<ChainCheckpointer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(options.Value.CheckpointMinutes));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var count = await checkpoints.WriteAsync(stoppingToken);
                AuditLogMessages.Checkpointed(logger, count);
            }
            catch (Npgsql.NpgsqlException e)
            {
                AuditLogMessages.CheckpointFailed(logger, e.Message);
            }
        }
    }
}
