using System.CommandLine;
using Compliance.Api.Audit;
using Compliance.Api.Hosting;
using Compliance.Crypto;

namespace Compliance.Api.Customers;

/// <summary>
/// <c>keys status|rotate|rewrap</c>: the operator's view of the KEK versions and their data keys;
/// <c>keys log-pseudonym &lt;customer-id&gt;</c>: what that customer's id looks like in the logs.
/// </summary>
internal static class KeysCommand
{
    public static Command Create()
    {
        var keys = new Command("keys", "Key encryption key versions and the data keys they wrap.");
        keys.Subcommands.Add(Sub("status", "Show which KEK versions wrap how many data keys.", StatusAsync));
        keys.Subcommands.Add(Sub("rotate", "Create a new KEK version; new data keys use it, old versions keep unwrapping.", RotateAsync));
        keys.Subcommands.Add(Sub("rewrap", "Rewrap every data key under the newest KEK version (resumable, safe while serving).", RewrapAsync));
        keys.Subcommands.Add(LogPseudonym());
        return keys;
    }

    private static Command Sub(string name, string description, Func<IServiceProvider, CancellationToken, Task<int>> action)
    {
        var command = new Command(name, description) { TreatUnmatchedTokensAsErrors = false };
        command.SetAction((result, cancellationToken) => DatabaseCommand.RunAsync([.. result.UnmatchedTokens], action, cancellationToken));
        return command;
    }

    /// <summary>Needs only the blind-index root key (the same configuration as <c>serve</c>), not the database.</summary>
    private static Command LogPseudonym()
    {
        var customerId = new Argument<string>("customer-id") { Description = "The customer id as the payment system sends it." };
        var command = new Command("log-pseudonym", "Print the pseudonym a customer id is logged as, to search the logs for that customer.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.Arguments.Add(customerId);
        command.SetAction(async (result, cancellationToken) =>
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [.. result.UnmatchedTokens], ContentRootPath = AppContext.BaseDirectory });
            builder.Services.AddSingleton(TimeProvider.System);
            builder.Services.AddCustomers(builder.Configuration);
            try
            {
                using var host = builder.Build();
                var redactor = new CustomerPseudonymRedactor(host.Services.GetRequiredService<CryptoServices>());
                await Console.Out.WriteLineAsync(redactor.Redact(result.GetRequiredValue(customerId)));
                return 0;
            }
            catch (Storage.StartupException e)
            {
                return ServeCommand.Fail(e.Message);
            }
        });
        return command;
    }

    private static async Task<int> StatusAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var crypto = services.GetRequiredService<CryptoServices>();
        await Console.Out.WriteLineAsync($"KEK provider: {crypto.Provider.Name}");
        foreach (var (kekId, current, dataKeys) in await services.GetRequiredService<KeyRewrap>().StatusAsync(cancellationToken))
        {
            await Console.Out.WriteLineAsync($"  {kekId,-60} {(current ? "current" : "       ")}  {dataKeys} data key(s)");
        }

        return 0;
    }

    private static async Task<int> RotateAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var crypto = services.GetRequiredService<CryptoServices>();
        var newKeyId = await crypto.Provider.RotateAsync(cancellationToken);
        await services.GetRequiredService<AuditLog>().AppendAsync(services.GetRequiredService<Npgsql.NpgsqlDataSource>(),
            new AuditEvent(DatabaseCommand.Operator, "keys.rotated", AuditOutcome.Success, "kek", newKeyId), cancellationToken);
        await Console.Out.WriteLineAsync($"New KEK version: {newKeyId}. Run 'keys rewrap' to move existing data keys under it.");
        return 0;
    }

    private static async Task<int> RewrapAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var progress = new Progress<(long Done, long Total)>(p => Console.Error.WriteLine($"rewrapped {p.Done} of {p.Total} data key(s)"));
        var moved = await services.GetRequiredService<KeyRewrap>().RunAsync(DatabaseCommand.Operator, progress, cancellationToken);
        await Console.Out.WriteLineAsync($"Rewrapped {moved} data key(s) under the current KEK version.");
        return 0;
    }
}
