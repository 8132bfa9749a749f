using System.CommandLine;
using Compliance.Api.Storage;
using Microsoft.Extensions.Options;

namespace Compliance.Api.Hosting;

/// <summary><c>migrate</c>: apply pending migrations to the configured database and exit.</summary>
internal static class MigrateCommand
{
    public static Command Create()
    {
        var command = new Command("migrate", "Apply pending database migrations and exit.") { TreatUnmatchedTokensAsErrors = false };
        command.SetAction((result, cancellationToken) => RunAsync([.. result.UnmatchedTokens], cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string[] hostArgs, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = hostArgs, ContentRootPath = AppContext.BaseDirectory });
        builder.Services.AddStorage(builder.Configuration);
        try
        {
            using var host = builder.Build();
            await using var local = await LocalDatabase.StartIfUnconfiguredAsync(host.Services, cancellationToken);
            var endpoint = host.Services.GetRequiredService<DatabaseEndpoint>();
            var timeout = host.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectTimeoutSeconds;
            await DatabaseStartup.ProbeAsync(host.Services.GetRequiredService<Npgsql.NpgsqlDataSource>(), timeout, endpoint.ConnectionString, cancellationToken);
            var result = await host.Services.GetRequiredService<MigrationRunner>().RunAsync(cancellationToken);
            await Console.Out.WriteLineAsync($"Applied {result.Applied.Count} migration(s); schema version {result.SchemaVersion}.");
            return 0;
        }
        catch (StartupException e)
        {
            return ServeCommand.Fail(e.Message);
        }
    }
}
