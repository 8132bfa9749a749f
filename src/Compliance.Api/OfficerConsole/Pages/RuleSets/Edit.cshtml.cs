using Compliance.Api.RuleSets;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Compliance.Api.OfficerConsole.Pages.RuleSets;

/// <summary>
/// The draft editor: the workflow, settings and tests as text, validated on the server as the officer
/// types (the page's script posts the text, debounced, to the Validate handler) and again on save,
/// with each problem at its line and column in the document.
/// </summary>
[Authorize(Policy = "console:" + Auth.Roles.RulesEdit)]
internal sealed class EditModel(RuleSetStore store) : PageModel
{
    public string Name { get; private set; } = "";

    public int Version { get; private set; }

    [BindProperty]
    public string? Workflow { get; set; }

    [BindProperty]
    public string? Settings { get; set; }

    [BindProperty]
    public string? Tests { get; set; }

    public IReadOnlyList<EditorDiagnostic> Diagnostics { get; private set; } = [];

    public string? Message { get; private set; }

    public bool Failed { get; private set; }

    public async Task<IActionResult> OnGetAsync(string name, int version, CancellationToken cancellationToken)
    {
        if (await DraftAsync(name, version, cancellationToken) is not { } row)
        {
            return NotFound();
        }

        (Workflow, Settings, Tests) = (row.Workflow, row.Settings, row.Tests);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string name, int version, CancellationToken cancellationToken)
    {
        if (await DraftAsync(name, version, cancellationToken) is not { } row)
        {
            return NotFound();
        }

        var content = new RuleSetContent(Workflow ?? "", string.IsNullOrWhiteSpace(Settings) ? "{}" : Settings, string.IsNullOrWhiteSpace(Tests) ? null : Tests, row.BasedOn);
        Diagnostics = Check(name, content);
        if (Diagnostics.Count > 0)
        {
            (Failed, Message) = (true, $"Not saved: {Diagnostics.Count} problem(s).");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var change = await store.UpdateDraftAsync(name, version, content, User.OfficerPrincipal(), HttpContext.TraceIdentifier, cancellationToken);
        if (change.Status != RuleSetChangeStatus.Done)
        {
            (Failed, Message) = (true, change.Detail);
            Response.StatusCode = change.Status == RuleSetChangeStatus.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status409Conflict;
            return Page();
        }

        Message = "Saved.";
        return Page();
    }

    /// <summary>Live validation for the editor's script: the diagnostics of the text as it stands, nothing saved.</summary>
    public IActionResult OnPostValidate(string name, [FromBody] EditorText text)
    {
        if (RuleSetKind.Find(name) is null || text is null)
        {
            return NotFound();
        }

        var content = new RuleSetContent(text.Workflow ?? "", string.IsNullOrWhiteSpace(text.Settings) ? "{}" : text.Settings,
            string.IsNullOrWhiteSpace(text.Tests) ? null : text.Tests, null);
        return new JsonResult(Check(name, content));
    }

    private static IReadOnlyList<EditorDiagnostic> Check(string name, RuleSetContent content) =>
        WorkflowPositions.Map(content.Workflow, RuleSetValidator.Validate(name, content));

    // Only the author edits a draft (as the API): otherwise the editor could approve it afterwards and four eyes would be two.
    private async Task<RuleSetVersionRow?> DraftAsync(string name, int version, CancellationToken cancellationToken)
    {
        (Name, Version) = (name, version);
        var row = await store.VersionAsync(name, version, cancellationToken);
        return row is { Status: "draft" } && row.Author == User.OfficerPrincipal() ? row : null;
    }
}

/// <summary>What the editor's script posts for live validation.</summary>
internal sealed record EditorText(string? Workflow, string? Settings, string? Tests);
