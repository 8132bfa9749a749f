using System.Diagnostics;
using Compliance.Api.Screening.Matching;
using Compliance.Api.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Compliance.Api.Screening;

/// <summary>
/// Builds the screening index from the newest version of every list before the server listens
/// (a check must not screen against no lists because it came first), then rebuilds it when an
/// import on any instance notifies, polling as the fallback, as rule sets are reloaded.
/// </summary>
internal sealed class ScreeningLoader(
    ScreeningListStore store, ScreeningIndexHolder holder, NotificationListener listener, IOptions<ScreeningOptions> options, TimeProvider time,
    ILogger<ScreeningLoader> logger) : BackgroundService, IHostedLifecycleService
{
    private readonly SemaphoreSlim _refresh = new(1, 1);

    public Task StartingAsync(CancellationToken cancellationToken) => RefreshAsync(cancellationToken);

    /// <summary>Rebuilds the index when the newest list versions differ from the ones it holds; true when it swapped.</summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        await _refresh.WaitAsync(cancellationToken);
        try
        {
            var latest = await store.LatestAsync(cancellationToken);
            var wanted = latest.Select(v => $"{v.List}:{v.Version}").Order(StringComparer.Ordinal);
            if (wanted.SequenceEqual(holder.Versions.Order(StringComparer.Ordinal)))
            {
                return false;
            }

            var started = Stopwatch.GetTimestamp();
            var index = ScreeningIndex.Build(await store.LoadLatestAsync(cancellationToken));
            holder.Swap(index);
            ScreeningLog.IndexBuilt(logger, string.Join(", ", holder.Versions), index.EntryCount, index.NameCount,
                (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return true;
        }
        finally
        {
            _refresh.Release();
        }
    }

    public override void Dispose()
    {
        _refresh.Dispose();
        base.Dispose();
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(PollAsync(stoppingToken),
        listener.RunAsync(ScreeningListStore.Channel, "screening lists", (_, ct) => TryRefreshAsync(ct), TryRefreshAsync, stoppingToken));

    private async Task PollAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.RefreshSeconds), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await TryRefreshAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>Refreshes, logging (not throwing) a database failure: the poll or the next notification retries.</summary>
    public async Task TryRefreshAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RefreshAsync(stoppingToken);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            ScreeningLog.RefreshFailed(logger, e.Message);
        }
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
