using Compliance.Api.Audit;
using Compliance.Api.Customers;
using Compliance.Api.OfficerConsole;
using Compliance.Api.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Compliance.Api.Hosting;

/// <summary>
/// Runs an operator command that needs the database: the same configuration as <c>serve</c>
/// (a local cluster under <c>.data/</c> when none is configured), a bounded connection probe, and
/// one line on stderr with exit code 1 when the environment is wrong.
/// </summary>
internal static class DatabaseCommand
{
    /// <summary>Operator commands act, in the audit log, as the OS user who ran them.</summary>
    public static string Operator => $"cli:{Environment.UserName}";

    public static async Task<int> RunAsync(string[] hostArgs, Func<IServiceProvider, CancellationToken, Task<int>> action, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = hostArgs, ContentRootPath = AppContext.BaseDirectory });
        // Operator commands print their own results; host chatter would bury them.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddStorage(builder.Configuration);
        builder.Services.AddAudit();
        builder.Services.AddCustomers(builder.Configuration);
        builder.Services.AddOfficers();
        try
        {
            using var host = builder.Build();
            await using var local = await LocalDatabase.StartIfUnconfiguredAsync(host.Services, cancellationToken);
            var endpoint = host.Services.GetRequiredService<DatabaseEndpoint>();
            var timeout = host.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectTimeoutSeconds;
            await DatabaseStartup.ProbeAsync(host.Services.GetRequiredService<NpgsqlDataSource>(), timeout, endpoint.ConnectionString, cancellationToken);
            return await action(host.Services, cancellationToken);
        }
        catch (StartupException e)
        {
            return ServeCommand.Fail(e.Message);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return ServeCommand.Fail($"the database is not migrated ({e.MessageText}); run the migrate command first");
        }
    }
}
