using Npgsql;

namespace Compliance.Api.Storage;

internal static class StorageExtensions
{
    /// <summary>One <see cref="NpgsqlDataSource"/> for the process, the migration runner and start-up.</summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section))
            .Validate(o => o.ConnectTimeoutSeconds is > 0 and <= 300, "Database:ConnectTimeoutSeconds must be between 1 and 300")
            .ValidateOnStart();
        // Resolved from the final configuration (test hosts and command-line overrides apply late).
        services.AddSingleton(sp => new DatabaseEndpoint(ConnectionStringResolver.Resolve(sp.GetRequiredService<IConfiguration>())));
        services.AddSingleton(sp =>
        {
            var builder = new NpgsqlDataSourceBuilder(sp.GetRequiredService<DatabaseEndpoint>().ConnectionString);

            // The check's statements are constant text: preparing them once per connection saves the
            // parse and plan that cost PostgreSQL twice the execution (bench/load/RESULTS.md).
            if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
            {
                builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
                builder.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
            }

            builder.UseLoggerFactory(sp.GetRequiredService<ILoggerFactory>());
            return builder.Build();
        });
        services.AddSingleton(sp => new MigrationRunner(
            sp.GetRequiredService<NpgsqlDataSource>(), Migration.LoadEmbedded(), sp.GetRequiredService<ILogger<MigrationRunner>>()));
        services.AddSingleton<DatabaseStartup>();
        services.AddHostedService(sp => sp.GetRequiredService<DatabaseStartup>());
        return services;
    }
}
