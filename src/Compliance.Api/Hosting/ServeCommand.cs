using System.CommandLine;
using Compliance.Api.Storage;
using Microsoft.Extensions.Options;

namespace Compliance.Api.Hosting;

/// <summary>
/// <c>serve</c> (the default): run the HTTP service. Options it does not know, such as
/// <c>--urls</c> or <c>--Auth:DefaultRateLimitPerSecond=50</c>, go to ASP.NET Core's configuration.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var command = new Command("serve", "Run the HTTP service (default). ASP.NET Core options such as --urls pass through.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction((result, _) => RunAsync([.. result.UnmatchedTokens]));
        return command;
    }

    public static async Task<int> RunAsync(string[] hostArgs)
    {
        try
        {
            await using var app = ComplianceApp.Build(hostArgs);
            await using var local = await LocalDatabase.StartIfUnconfiguredAsync(app.Services, CancellationToken.None);
            await app.Services.GetRequiredService<DatabaseStartup>().PrepareAsync(CancellationToken.None);
            await app.StartAsync();

            // Ctrl-C / SIGTERM: Kestrel stops accepting, in-flight requests finish (up to the
            // shutdown timeout), the host stops, then the local database (if started here) stops.
            await app.WaitForShutdownAsync();
            return 0;
        }
        catch (StartupException e)
        {
            return Fail(e.Message);
        }
        catch (OptionsValidationException e)
        {
            return Fail($"invalid configuration: {string.Join("; ", e.Failures)}");
        }
    }

    internal static int Fail(string message)
    {
        Console.Error.WriteLine($"compliance: {message}");
        return 1;
    }
}
