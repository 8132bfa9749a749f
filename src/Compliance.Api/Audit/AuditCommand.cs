using System.CommandLine;
using Compliance.Api.Hosting;
using Compliance.Api.Storage;
using Npgsql;

namespace Compliance.Api.Audit;

/// <summary>
/// <c>audit verify</c>: recompute every chain of the audit log and of the decision log; exit 0 with
/// the row counts, or 1 naming the first bad row.
/// </summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var verify = new Command("verify", "Recompute the audit log's hash chains and report the first row that does not match.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        verify.SetAction((result, cancellationToken) => VerifyAsync([.. result.UnmatchedTokens], cancellationToken));
        var audit = new Command("audit", "Work with the tamper-evident audit log.");
        audit.Subcommands.Add(verify);
        return audit;
    }

    private static Task<int> VerifyAsync(string[] hostArgs, CancellationToken cancellationToken) =>
        DatabaseCommand.RunAsync(hostArgs, async (services, token) =>
        {
            var dataSource = services.GetRequiredService<NpgsqlDataSource>();
            var progress = new Progress<long>(n => Console.Error.WriteLine($"verified {n} rows..."));
            var audit = await new AuditVerifier(dataSource).VerifyAsync(progress, token);
            await Console.Out.WriteLineAsync(audit.ToString());
            var decisions = await new Checks.DecisionVerifier(dataSource).VerifyAsync(progress, token);
            await Console.Out.WriteLineAsync(decisions.Ok
                ? $"OK: {decisions.Rows} decision(s) in {decisions.Chains} chain(s) verified"
                : $"FAILED: {decisions.Problem}");
            var checkpoint = await services.GetRequiredService<ChainCheckpoints>().VerifyAsync(token);
            await Console.Out.WriteLineAsync(checkpoint is null ? "OK: every checkpointed chain head still matches its row" : $"FAILED: {checkpoint}");
            return audit.Ok && decisions.Ok && checkpoint is null ? 0 : 1;
        }, cancellationToken);
}
