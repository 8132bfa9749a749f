using Npgsql;

namespace Compliance.Api.Storage;

/// <summary>
/// Holds one connection LISTENing on a channel and hands each notification's payload to a
/// callback; reconnects a second after the connection drops. After each (re)connect it calls
/// <c>listening</c>, so the caller can catch up on what was sent while nobody listened (NOTIFY is
/// not queued for absent listeners). Used wherever one instance's change must reach all instances.
/// </summary>
internal sealed class NotificationListener(DatabaseEndpoint endpoint, TimeProvider time, ILogger<NotificationListener> logger) : IDisposable
{
    // Listening connections live as long as the listener and are never handed to other work: not
    // pooled, so closing one ends its LISTEN with the session (pooled connections are not reset).
    private readonly Lazy<NpgsqlDataSource> _dataSource = new(() =>
        new NpgsqlDataSourceBuilder(endpoint.ConnectionString) { ConnectionStringBuilder = { Pooling = false } }.Build());

    public void Dispose()
    {
        if (_dataSource.IsValueCreated)
        {
            _dataSource.Value.Dispose();
        }
    }

    public async Task RunAsync(
        string channel, string description, Func<string, CancellationToken, Task> notified, Func<CancellationToken, Task> listening, CancellationToken stoppingToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channel);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _dataSource.Value.OpenConnectionAsync(stoppingToken);
                var payloads = new List<string>();
                connection.Notification += (_, e) =>
                {
                    lock (payloads)
                    {
                        payloads.Add(e.Payload);
                    }
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                StorageLog.Listening(logger, description, channel);
                await listening(stoppingToken);
                while (true)
                {
                    // Notifications are raised inside WaitAsync; they are handled after it returns, off the connection.
                    await connection.WaitAsync(stoppingToken);
                    string[] received;
                    lock (payloads)
                    {
                        received = [.. payloads];
                        payloads.Clear();
                    }

                    foreach (var payload in received)
                    {
                        await notified(payload, stoppingToken);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or IOException or ObjectDisposedException)
            {
                StorageLog.ListenFailed(logger, channel, e.GetType().Name);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
