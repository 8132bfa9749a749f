using System.CommandLine;
using Compliance.Api.Storage;

namespace Compliance.Api.Hosting;

/// <summary><c>migrate</c>: apply pending migrations to the configured database and exit.</summary>
internal static class MigrateCommand
{
    public static Command Create()
    {
        var command = new Command("migrate", "Apply pending database migrations and exit.") { TreatUnmatchedTokensAsErrors = false };
        command.SetAction((result, cancellationToken) => DatabaseCommand.RunAsync([.. result.UnmatchedTokens], async (services, token) =>
        {
            var result = await services.GetRequiredService<MigrationRunner>().RunAsync(token);
            await Console.Out.WriteLineAsync($"Applied {result.Applied.Count} migration(s); schema version {result.SchemaVersion}.");
            return 0;
        }, cancellationToken));
        return command;
    }
}
