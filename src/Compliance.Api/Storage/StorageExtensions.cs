using Microsoft.Extensions.Options;
using Npgsql;

namespace Compliance.Api.Storage;

internal static class StorageExtensions
{
    /// <summary>One <see cref="NpgsqlDataSource"/> for the process, the migration runner and start-up.</summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section))
            .Validate(o => o.ConnectTimeoutSeconds is > 0 and <= 300, "Database:ConnectTimeoutSeconds must be between 1 and 300")
            .Validate(o => o.LocalServerSettings.All(LocalPostgres.IsValidSetting),
                "Database:LocalServerSettings entries must be name=value with no spaces or quotes, e.g. shared_buffers=1GB")
            .Validate(o => o.MaxPoolSize is null or (> 0 and <= 1000), "Database:MaxPoolSize must be between 1 and 1000")
            .ValidateOnStart();
        // Resolved from the final configuration (test hosts and command-line overrides apply late).
        services.AddSingleton(sp => new DatabaseEndpoint(ConnectionStringResolver.Resolve(sp.GetRequiredService<IConfiguration>())));
        services.AddSingleton(sp => BuildDataSource(sp.GetRequiredService<DatabaseEndpoint>().ConnectionString, sp));
        services.AddSingleton(ReadReplica.Create);
        services.AddSingleton(sp => new MigrationRunner(
            sp.GetRequiredService<NpgsqlDataSource>(), Migration.LoadEmbedded(), sp.GetRequiredService<ILogger<MigrationRunner>>()));
        services.AddSingleton<NotificationListener>();
        services.AddSingleton<DatabaseStartup>();
        services.AddHostedService(sp => sp.GetRequiredService<DatabaseStartup>());
        return services;
    }

    /// <summary>A data source with the service's settings; the primary's and the read replica's are built alike.</summary>
    internal static NpgsqlDataSource BuildDataSource(string connectionString, IServiceProvider sp)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);

        // The check's statements are constant text: preparing them once per connection saves the
        // parse and plan that cost PostgreSQL twice the execution (bench/load/RESULTS.md).
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
            builder.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
        }

        // A returned connection is otherwise reset by prefixing its next command with RESET ALL,
        // UNLISTEN *, pg_advisory_unlock_all() and friends: parsed and run on every check
        // (bench/load/RESULTS.md). The service leaves no session state behind: settings and
        // advisory locks are transaction-scoped, the migration lock is released explicitly, and
        // LISTEN connections are not pooled (NotificationListener).
        builder.ConnectionStringBuilder.NoResetOnClose = true;

        // Every command is a span when tracing is on (docs/operations.md); the extra event per
        // command when its first row arrives and the spans for opening physical connections are
        // not worth their cost on the check path.
        builder.ConfigureTracing(o => o.EnableFirstResponseEvent(false).EnablePhysicalOpenTracing(false));

        var maxPoolSize = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.MaxPoolSize;
        if (maxPoolSize is { } size)
        {
            builder.ConnectionStringBuilder.MaxPoolSize = size;
        }

        builder.UseLoggerFactory(sp.GetRequiredService<ILoggerFactory>());
        return builder.Build();
    }
}
