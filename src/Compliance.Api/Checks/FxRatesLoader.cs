namespace Compliance.Api.Checks;

/// <summary>Loads the newest exchange rates before the server listens, then once a minute.</summary>
internal sealed class FxRatesLoader(FxRates rates) : BackgroundService, IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => rates.LoadAsync(cancellationToken);

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await rates.LoadAsync(stoppingToken);
            }
            catch (Npgsql.NpgsqlException)
            {
                // Keep the rates in use until the database answers again.
            }
        }
    }
}
