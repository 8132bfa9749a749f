using System.Diagnostics;
using Compliance.Api.Storage;
using Npgsql;

namespace Compliance.Api.Tests.Infrastructure;

/// <summary>
/// One PostgreSQL server for the whole test run: <c>COMPLIANCE_TEST_DATABASE</c> when set (a
/// connection string with the right to create databases), otherwise a throwaway cluster initdb'd
/// into a temp directory, stopped and removed when the test process exits, pass or fail.
/// Clusters left behind by a killed run are cleaned up by the next one.
/// </summary>
internal static class TestPostgres
{
    private const string DirectoryPrefix = "compliance-test-pg-";

    private static readonly Lazy<Task<string>> Server = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>A new, empty database on the shared server; its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var admin = await Server.Value;
        var name = "t_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var admin = await Server.Value;
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> StartAsync()
    {
        var given = Environment.GetEnvironmentVariable("COMPLIANCE_TEST_DATABASE");
        if (!string.IsNullOrWhiteSpace(given))
        {
            return given;
        }

        await RemoveAbandonedClustersAsync();
        var directory = Path.Combine(Path.GetTempPath(), $"{DirectoryPrefix}{Environment.ProcessId}-{Guid.NewGuid():N}");
        var server = await LocalPostgres.StartAsync(directory, CancellationToken.None);
        StartWatchdog(server);
        return server.ConnectionString;
    }

    // The test host can be torn down (or killed) before a ProcessExit handler finishes, so a
    // detached shell waits for this process to end, however it ends, then removes the cluster.
    private static void StartWatchdog(LocalPostgres server)
    {
        var script = $"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 0.3; done; {server.ShellStopAndRemoveCommand()}";
        var start = new ProcessStartInfo("setsid", ["sh", "-c", script])
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var watchdog = Process.Start(start) ?? throw new InvalidOperationException("could not start the cluster watchdog");
    }

    // A run that was killed never reached ProcessExit; its directory names its process id.
    private static async Task RemoveAbandonedClustersAsync()
    {
        foreach (var directory in Directory.GetDirectories(Path.GetTempPath(), DirectoryPrefix + "*"))
        {
            var pidText = Path.GetFileName(directory)[DirectoryPrefix.Length..].Split('-')[0];
            if (!int.TryParse(pidText, out var pid) || Directory.Exists($"/proc/{pid}"))
            {
                continue;
            }

            try
            {
                await LocalPostgres.StopIfRunningAsync(directory);
                Directory.Delete(directory, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or StartupException)
            {
                // Best effort: a directory we cannot clean does not stop this run.
            }
        }
    }
}
