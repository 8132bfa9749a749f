using Compliance.Api.Audit;
using Compliance.Api.Checks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Npgsql;

namespace Compliance.Api.OfficerConsole.Pages;

/// <summary>The audit log, newest first, filtered on the server; and the same verification as <c>audit verify</c>.</summary>
[Authorize(Policy = "console:" + Auth.Roles.AuditRead)]
internal sealed class AuditModel(AuditStore store, NpgsqlDataSource dataSource, ChainCheckpoints checkpoints) : PageModel
{
    private const int PageSize = 100;

    [BindProperty(SupportsGet = true)]
    public string? Action { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Subject { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Principal { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? Before { get; set; }

    public IReadOnlyList<AuditRecord> Events { get; private set; } = [];

    public string? OlderLink { get; private set; }

    public (bool Ok, IReadOnlyList<string> Lines)? Verification { get; private set; }

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    /// <summary>Recomputes every chain of the audit and decision logs and checks the checkpoints, as the command line does.</summary>
    public async Task<IActionResult> OnPostVerifyAsync(CancellationToken cancellationToken)
    {
        var audit = await new AuditVerifier(dataSource).VerifyAsync(null, cancellationToken);
        var decisions = await new DecisionVerifier(dataSource).VerifyAsync(null, cancellationToken);
        var checkpoint = await checkpoints.VerifyAsync(cancellationToken);
        Verification = (audit.Ok && decisions.Ok && checkpoint is null,
        [
            audit.ToString(),
            decisions.Ok ? $"OK: {decisions.Rows} decision(s) in {decisions.Chains} chain(s) verified" : $"FAILED: {decisions.Problem}",
            checkpoint is null ? "OK: every checkpointed chain head still matches its row" : $"FAILED: {checkpoint}",
        ]);
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Action = Blank(Action);
        Subject = Blank(Subject);
        Principal = Blank(Principal);
        Events = await store.LatestAsync(Before ?? long.MaxValue, PageSize, Action, Subject, Principal, cancellationToken);
        OlderLink = Events.Count == PageSize
            ? QueryHelpers.AddQueryString("/console/audit", new Dictionary<string, string?>
            {
                ["action"] = Action, ["subject"] = Subject, ["principal"] = Principal, ["before"] = Events[^1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }.Where(q => q.Value is not null)!)
            : null;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
