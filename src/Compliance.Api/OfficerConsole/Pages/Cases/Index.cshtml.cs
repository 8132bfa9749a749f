using Compliance.Api.Cases;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Compliance.Api.OfficerConsole.Pages.Cases;

/// <summary>The review queue, most urgent first, filtered and paged on the server (keyset pagination, as the API).</summary>
[Authorize(Policy = "console:" + Auth.Roles.CasesRead)]
internal sealed class CasesModel(CaseStore store, TimeProvider time) : PageModel
{
    private const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? Inbox { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? State { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Assignee { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Reason { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    public IReadOnlyList<CaseResponse> Cases { get; private set; } = [];

    public string? Next { get; private set; }

    public string? Error { get; private set; }

    public string NextLink => QueryHelpers(new Dictionary<string, string?>
    {
        ["inbox"] = Inbox, ["state"] = State, ["assignee"] = Assignee, ["reason"] = Reason, ["after"] = Next,
    });

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Inbox = Blank(Inbox);
        State = Blank(State);
        Assignee = Blank(Assignee);
        Reason = Blank(Reason);
        if (State is not null && !CaseStates.All.Contains(State))
        {
            Error = $"State must be one of {string.Join(", ", CaseStates.All)}.";
            return;
        }

        CaseCursor? cursor = null;
        if (After is not null && !CaseCursor.TryDecode(After, out cursor))
        {
            Error = "That page link is no longer valid; start from the first page.";
            return;
        }

        var rows = await store.PageAsync(new CaseFilter(Inbox, State, Assignee, Reason, null), cursor, PageSize, cancellationToken);
        var now = time.GetUtcNow();
        Cases = [.. rows.Select(r => CaseResponse.From(r, now))];
        Next = rows.Count == PageSize ? CaseCursor.After(rows[^1]).Encode() : null;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string QueryHelpers(Dictionary<string, string?> query) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/console/cases", query.Where(q => q.Value is not null)!);
}
