using Compliance.Api.Auth;
using Compliance.Api.Cases;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Compliance.Api.OfficerConsole.Pages.Cases;

/// <summary>
/// One case: its explanation and the officer's moves (claim, escalate, close, comment), each through
/// the same store as the API, so the state machine, four-eyes and the audit trail are the same.
/// </summary>
[Authorize(Policy = "console:" + Roles.CasesRead)]
internal sealed class CaseModel(CaseViews views, CaseStore store, CaseComments comments, DecisionExplanation explanation) : PageModel
{
    private const int MaxTextLength = 2000;

    public CaseDetail Detail { get; private set; } = null!;

    public IReadOnlyList<(CaseDecision Decision, IReadOnlyList<ExplainedRule> Rules)> Explanations { get; private set; } = [];

    public string? Message { get; private set; }

    public bool Failed { get; private set; }

    public Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) => ShowAsync(id, cancellationToken);

    public Task<IActionResult> OnPostClaimAsync(Guid id, CancellationToken cancellationToken) => ChangeAsync(id, CaseAction.Claim, null, null, cancellationToken);

    public Task<IActionResult> OnPostEscalateAsync(Guid id, CancellationToken cancellationToken) => ChangeAsync(id, CaseAction.Escalate, null, null, cancellationToken);

    public Task<IActionResult> OnPostCloseAsync(Guid id, string? resolution, string? reason, CancellationToken cancellationToken)
    {
        if (resolution is null || !CaseStates.Resolutions.Contains(resolution) || string.IsNullOrWhiteSpace(reason) || reason.Length > MaxTextLength)
        {
            return FailAsync(id, $"Choose a resolution and give a reason (at most {MaxTextLength} characters).", cancellationToken);
        }

        return ChangeAsync(id, CaseAction.Close, resolution, reason.Trim(), cancellationToken);
    }

    public async Task<IActionResult> OnPostCommentAsync(Guid id, string? text, string? attachmentSha256, CancellationToken cancellationToken)
    {
        if (!User.IsInRole(Roles.CasesWrite))
        {
            return await DeniedAsync(id, cancellationToken);
        }

        attachmentSha256 = string.IsNullOrWhiteSpace(attachmentSha256) ? null : attachmentSha256.Trim();
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxTextLength || (attachmentSha256 is not null && (attachmentSha256.Length != 64 || !attachmentSha256.All(char.IsAsciiHexDigit))))
        {
            return await FailAsync(id, $"A comment needs text (at most {MaxTextLength} characters); an attachment hash is 64 hex digits.", cancellationToken);
        }

        var (result, _) = await comments.AddAsync(id, User.OfficerPrincipal(), text.Trim(), attachmentSha256 is null ? null : Convert.FromHexString(attachmentSha256),
            HttpContext.TraceIdentifier, cancellationToken);
        return result switch
        {
            CommentResult.NotFound => NotFound(),
            CommentResult.CustomerErased => await FailAsync(id, "The customer's data was erased; nothing about them can be stored any more.", cancellationToken),
            _ => RedirectToPage(new { id }),
        };
    }

    private async Task<IActionResult> ChangeAsync(Guid id, CaseAction action, string? resolution, string? reason, CancellationToken cancellationToken)
    {
        if (!User.IsInRole(Roles.CasesWrite))
        {
            return await DeniedAsync(id, cancellationToken);
        }

        var result = await store.ChangeAsync(id, action, User.OfficerPrincipal(), HttpContext.TraceIdentifier, null, resolution, reason, cancellationToken);
        var verb = action.ToString().ToLowerInvariant();
        return result.Change switch
        {
            CaseChange.NotFound => NotFound(),
            CaseChange.WrongState => await FailAsync(id, $"The case is {result.StateBefore} now; {verb} needs it {string.Join(" or ", CaseStates.AllowedFrom(action))}.",
                cancellationToken),
            CaseChange.SameOfficer => await FailAsync(id, "You asked to report this case; a second officer must confirm it.", cancellationToken),
            CaseChange.NotForDispute => await FailAsync(id, "A dispute case closes approved (accepted) or declined (rejected).", cancellationToken),
            CaseChange.AwaitingSecondOfficer => await ShowAsync(id, cancellationToken, "Reporting requested; a second officer must confirm it."),
            _ => RedirectToPage(new { id }),
        };
    }

    private Task<IActionResult> DeniedAsync(Guid id, CancellationToken cancellationToken)
    {
        Failed = true;
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return ShowAsync(id, cancellationToken, "Your role reads cases; it does not change them.");
    }

    private Task<IActionResult> FailAsync(Guid id, string message, CancellationToken cancellationToken)
    {
        Failed = true;
        Response.StatusCode = StatusCodes.Status409Conflict;
        return ShowAsync(id, cancellationToken, message);
    }

    private async Task<IActionResult> ShowAsync(Guid id, CancellationToken cancellationToken, string? message = null)
    {
        if (await views.LoadAsync(id, cancellationToken) is not { } detail)
        {
            return NotFound();
        }

        Detail = detail;
        Message = message;
        var explanations = new List<(CaseDecision, IReadOnlyList<ExplainedRule>)>();
        foreach (var decision in detail.Decisions)
        {
            explanations.Add((decision, await explanation.ExplainAsync(decision, cancellationToken)));
        }

        Explanations = explanations;
        return Page();
    }
}
