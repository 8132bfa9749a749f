using System.CommandLine;
using Compliance.Api.Hosting;

// The host executable is also the operator's command line; Program only lists the commands.
var root = new RootCommand("Compliance: pre-transaction checks, rules, KYC and the PII vault.")
{
    TreatUnmatchedTokensAsErrors = false,
};
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(MigrateCommand.Create());
root.Subcommands.Add(Compliance.Api.RuleSets.RulesCommand.Create());
root.Subcommands.Add(Compliance.Api.Audit.AuditCommand.Create());
root.Subcommands.Add(Compliance.Api.Customers.KeysCommand.Create());
root.Subcommands.Add(Compliance.Api.OfficerConsole.OfficersCommand.Create());
root.Subcommands.Add(Compliance.Api.Screening.ListsCommand.Create());
root.SetAction((result, _) => ServeCommand.RunAsync([.. result.UnmatchedTokens]));

// The web host handles Ctrl-C itself (graceful drain); the parser must not cut it short.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });

/// <summary>Entry point type, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
