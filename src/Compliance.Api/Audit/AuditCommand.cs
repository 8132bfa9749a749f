using System.CommandLine;
using Compliance.Api.Hosting;
using Compliance.Api.Storage;
using Npgsql;

namespace Compliance.Api.Audit;

/// <summary><c>audit verify</c>: recompute every audit chain; exit 0 with the row count, or 1 naming the first bad row.</summary>
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
            var verifier = new AuditVerifier(services.GetRequiredService<NpgsqlDataSource>());
            var result = await verifier.VerifyAsync(new Progress<long>(n => Console.Error.WriteLine($"verified {n} rows...")), token);
            await Console.Out.WriteLineAsync(result.ToString());
            return result.Ok ? 0 : 1;
        }, cancellationToken);
}
