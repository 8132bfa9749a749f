using Microsoft.Extensions.Options;
using Npgsql;

namespace Compliance.Api.Storage;

/// <summary>
/// The developer default of <c>serve</c> and <c>migrate</c>: with no connection string configured,
/// a PostgreSQL cluster under <c>.data/</c> is started for the life of the command and stopped
/// (after the server has drained) when it ends.
/// </summary>
internal sealed class LocalDatabase : IAsyncDisposable
{
    private readonly LocalPostgres? _server;
    private readonly ILogger _logger;

    private LocalDatabase(LocalPostgres? server, ILogger logger)
    {
        _server = server;
        _logger = logger;
    }

    public static async Task<LocalDatabase> StartIfUnconfiguredAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var endpoint = services.GetRequiredService<DatabaseEndpoint>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger<LocalDatabase>();
        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        if (endpoint.IsConfigured || !options.StartLocalWhenUnconfigured)
        {
            return new LocalDatabase(null, logger);
        }

        var server = await LocalPostgres.StartAsync(options.LocalDataDirectory, cancellationToken, extraSettings: options.LocalServerSettings);
        endpoint.UseLocal(server.ConnectionString);
        StorageLog.LocalStarted(logger, server.DataDirectory, server.Port);
        return new LocalDatabase(server, logger);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is null)
        {
            return;
        }

        // Pooled connections would otherwise hold the server open until they time out.
        NpgsqlConnection.ClearAllPools();
        await _server.StopAsync();
        StorageLog.LocalStopped(_logger, _server.DataDirectory);
    }
}
