using Compliance.Api.Auth;
using Compliance.Api.Kyc;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Compliance.Api.OfficerConsole.Pages;

/// <summary>The KYC inbox: what providers sent and what became of it; officers who start KYC checks retry the stuck ones.</summary>
[Authorize(Policy = ConsoleAuth.KycInboxPolicy)]
internal sealed class KycInboxModel(KycInbox inbox) : PageModel
{
    public static readonly string[] States = ["received", "applied", "ignored", "unmatched", "failed"];

    private const int PageSize = 100;

    [BindProperty(SupportsGet = true)]
    public long? Before { get; set; }

    public string? OlderLink { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? State { get; set; }

    public IReadOnlyList<KycInboxRow> Events { get; private set; } = [];

    public string? Message { get; private set; }

    public bool Failed { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostRetryAsync(long id, CancellationToken cancellationToken)
    {
        if (!User.IsInRole(Roles.KycWrite))
        {
            (Failed, Message) = (true, "Your role does not retry KYC events.");
            Response.StatusCode = StatusCodes.Status403Forbidden;
        }
        else if (await inbox.RetryAsync(id, User.OfficerPrincipal(), HttpContext.TraceIdentifier, cancellationToken))
        {
            Message = $"Event {id} goes through processing again.";
        }
        else
        {
            (Failed, Message) = (true, $"Event {id} is not unmatched or failed (any more); nothing to retry.");
            Response.StatusCode = StatusCodes.Status409Conflict;
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        State = States.Contains(State) ? State : null;
        Events = await inbox.ListAsync(State, PageSize, cancellationToken, Before ?? long.MaxValue);
        OlderLink = Events.Count == PageSize
            ? $"/console/kyc?before={Events[^1].Id}" + (State is null ? "" : $"&state={State}")
            : null;
    }
}
