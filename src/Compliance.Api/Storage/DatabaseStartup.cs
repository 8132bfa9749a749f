using Microsoft.Extensions.Options;
using Npgsql;

namespace Compliance.Api.Storage;

/// <summary>
/// Prepares the database before the server listens: waits a bounded time for it, then migrates.
/// <c>serve</c> calls <see cref="PrepareAsync"/> itself before starting the host, so a failure is
/// one line on stderr rather than a host error with a stack trace; hosts that skip that step
/// (the tests' WebApplicationFactory) get the same work from <see cref="StartingAsync"/>.
/// </summary>
internal sealed class DatabaseStartup(
    DatabaseEndpoint endpoint,
    IServiceProvider services,
    IOptions<DatabaseOptions> options,
    ILogger<DatabaseStartup> logger) : IHostedLifecycleService
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public bool Ready { get; private set; }

    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Ready)
            {
                return;
            }

            if (!endpoint.HasConnectionString)
            {
                throw new StartupException("no database configured: set ConnectionStrings__Postgres or DATABASE_URL");
            }

            StorageLog.UsingDatabase(logger, ConnectionStringResolver.Describe(endpoint.ConnectionString));
            var dataSource = services.GetRequiredService<NpgsqlDataSource>();
            await ProbeAsync(dataSource, options.Value.ConnectTimeoutSeconds, endpoint.ConnectionString, cancellationToken);
            await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
            {
                foreach (var problem in (await DatabaseDurability.ReadAsync(connection, cancellationToken)).Problems)
                {
                    StorageLog.NotDurable(logger, problem);
                }
            }

            if (options.Value.MigrateOnStart)
            {
                var result = await services.GetRequiredService<MigrationRunner>().RunAsync(cancellationToken);
                StorageLog.SchemaReady(logger, result.SchemaVersion, result.Applied.Count);
            }
            else
            {
                StorageLog.SchemaReady(logger, await services.GetRequiredService<MigrationRunner>().VerifyAsync(cancellationToken), 0);
            }

            Ready = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => PrepareAsync(cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        Ready = false;
        return Task.CompletedTask;
    }

    /// <summary>One line that says why the database cannot be used, instead of a stack trace.</summary>
    internal static async Task ProbeAsync(NpgsqlDataSource dataSource, int timeoutSeconds, string connectionString, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(timeoutSeconds));
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(timeout.Token);
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            var reason = e is OperationCanceledException ? $"no answer within {timeoutSeconds} s" : FirstLine(e.Message);
            throw new StartupException($"cannot connect to PostgreSQL at {ConnectionStringResolver.Describe(connectionString)}: {reason}", e);
        }
    }

    private static string FirstLine(string text)
    {
        var i = text.IndexOf('\n', StringComparison.Ordinal);
        return (i < 0 ? text : text[..i]).Trim();
    }
}
