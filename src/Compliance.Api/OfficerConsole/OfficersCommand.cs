using System.CommandLine;
using Compliance.Api.Hosting;

namespace Compliance.Api.OfficerConsole;

/// <summary><c>officers create|list</c>: the first admin (and any officer) from the command line; the password is printed once.</summary>
internal static class OfficersCommand
{
    public static Command Create()
    {
        var officers = new Command("officers", "Officer accounts for the web console.");
        var username = new Argument<string>("username") { Description = "Lower-case letters, digits, '.', '_' or '-'." };
        var name = new Option<string?>("--name") { Description = "Display name (default: the username)." };
        var role = new Option<string>("--role") { Description = $"One of {string.Join(", ", OfficerRoles.All)}.", Required = true };
        var zone = new Option<string>("--time-zone") { Description = "IANA time zone for the console's timestamps.", DefaultValueFactory = _ => "UTC" };
        var create = new Command("create", "Create an officer and print their generated password once.") { username, name, role, zone };
        create.TreatUnmatchedTokensAsErrors = false;
        create.SetAction((result, cancellationToken) => DatabaseCommand.RunAsync([.. result.UnmatchedTokens], (services, ct) => CreateAsync(services,
            result.GetRequiredValue(username), result.GetValue(name), result.GetRequiredValue(role), result.GetRequiredValue(zone), ct), cancellationToken));
        officers.Subcommands.Add(create);

        var list = new Command("list", "List officers with their role and status.") { TreatUnmatchedTokensAsErrors = false };
        list.SetAction((result, cancellationToken) => DatabaseCommand.RunAsync([.. result.UnmatchedTokens], ListAsync, cancellationToken));
        officers.Subcommands.Add(list);
        return officers;
    }

    private static async Task<int> CreateAsync(IServiceProvider services, string username, string? name, string role, string zone, CancellationToken cancellationToken)
    {
        var errors = OfficerInput.Validate(username, name ?? username, role, zone).ToList();
        if (errors.Count > 0)
        {
            await System.Console.Error.WriteLineAsync("compliance: " + string.Join(" ", errors));
            return 1;
        }

        var password = OfficerStore.GeneratePassword();
        var created = await services.GetRequiredService<OfficerStore>().CreateAsync(username, (name ?? username).Trim(), role, password, zone,
            Hosting.DatabaseCommand.Operator, null, cancellationToken);
        if (created is null)
        {
            await System.Console.Error.WriteLineAsync($"compliance: the username {username} is taken");
            return 1;
        }

        await System.Console.Out.WriteLineAsync($"Officer {username} ({role}) created. Password (shown once, hand it over in person): {password}");
        return 0;
    }

    private static async Task<int> ListAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        foreach (var officer in await services.GetRequiredService<OfficerStore>().ListAsync(cancellationToken))
        {
            await System.Console.Out.WriteLineAsync($"{officer.Username,-24} {officer.Role,-15} {(officer.DisabledAt is null ? "active" : "disabled")}");
        }

        return 0;
    }
}
