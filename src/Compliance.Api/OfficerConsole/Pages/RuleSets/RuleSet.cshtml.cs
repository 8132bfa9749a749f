using Compliance.Api.Auth;
using Compliance.Api.RuleSets;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Compliance.Api.OfficerConsole.Pages.RuleSets;

/// <summary>
/// A rule set's versions and the four-eyes lifecycle, through the same store (and the same submission
/// bar) as the API, acting as the signed-in officer: the author of a version can never approve it.
/// </summary>
[Authorize(Policy = ConsoleRuleSets.ReadPolicy)]
internal sealed class RuleSetModel(
    RuleSetStore store, RuleSetLoader loader, BacktestJobs jobs, IOptions<RuleSetOptions> options, TimeProvider time, ILogger<RuleSetModel> logger)
    : PageModel
{
    public string Name { get; private set; } = "";

    public int? Published { get; private set; }

    public IReadOnlyList<RuleSetVersionRow> Versions { get; private set; } = [];

    public bool CanBacktest => Name == RuleSetKind.PreTransaction.Name;

    public string? Message { get; private set; }

    public List<string> Details { get; } = [];

    public bool Failed { get; private set; }

    public Task<IActionResult> OnGetAsync(string name, CancellationToken cancellationToken) => ShowAsync(name, cancellationToken);

    /// <summary>A new draft with the published version's content, opened in the editor.</summary>
    public async Task<IActionResult> OnPostDraftAsync(string name, CancellationToken cancellationToken)
    {
        if (!User.IsInRole(Roles.RulesEdit))
        {
            return await RefuseAsync(name, "Your role does not edit rules.", cancellationToken);
        }

        if (await store.PublishedAsync(name, cancellationToken) is not { } published)
        {
            return NotFound();
        }

        var change = await store.CreateDraftAsync(name, new RuleSetContent(published.Workflow, published.Settings, published.Tests, published.Version),
            User.OfficerPrincipal(), HttpContext.TraceIdentifier, cancellationToken);
        return change.Row is { } row
            ? Redirect($"/console/rulesets/{name}/versions/{row.Version}/edit")
            : await ResultAsync(name, change, "", cancellationToken);
    }

    public async Task<IActionResult> OnPostSubmitAsync(string name, int version, CancellationToken cancellationToken)
    {
        if (await store.VersionAsync(name, version, cancellationToken) is not { } row)
        {
            return NotFound();
        }

        if (row.Status == "draft")
        {
            var check = await RuleSetSubmission.CheckAsync(row, cancellationToken);
            if (!check.Ready)
            {
                Details.AddRange(check.Diagnostics.Select(d => d.ToString()).Concat(check.TestFailures));
                return await RefuseAsync(name, $"Version {version} was not submitted: " + (check.Diagnostics.Count > 0 ? "it is invalid." : "its test cases do not pass."),
                    cancellationToken, StatusCodes.Status400BadRequest);
            }
        }

        return await ResultAsync(name, await store.SubmitAsync(name, version, row.ContentHash, User.OfficerPrincipal(), HttpContext.TraceIdentifier, cancellationToken),
            $"Version {version} submitted; another officer approves it.", cancellationToken);
    }

    public async Task<IActionResult> OnPostApproveAsync(string name, int version, CancellationToken cancellationToken) =>
        await ResultAsync(name, await store.ReviewAsync(name, version, approve: true, User.OfficerPrincipal(), null, HttpContext.TraceIdentifier, cancellationToken),
            $"Version {version} approved; it can be published.", cancellationToken);

    public async Task<IActionResult> OnPostRejectAsync(string name, int version, string? note, CancellationToken cancellationToken) =>
        await ResultAsync(name, await store.ReviewAsync(name, version, approve: false, User.OfficerPrincipal(), string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            HttpContext.TraceIdentifier, cancellationToken), $"Version {version} rejected.", cancellationToken);

    public async Task<IActionResult> OnPostPublishAsync(string name, int version, CancellationToken cancellationToken)
    {
        var change = await store.PublishAsync(name, version, User.OfficerPrincipal(), HttpContext.TraceIdentifier, cancellationToken);
        if (change.Status == RuleSetChangeStatus.Done)
        {
            await RuleSetEndpoints.ReloadAsync(loader, logger, cancellationToken);
        }

        return await ResultAsync(name, change, $"Version {version} published; checks use it now.", cancellationToken);
    }

    public async Task<IActionResult> OnPostRollbackAsync(string name, int version, CancellationToken cancellationToken)
    {
        var change = await store.RollbackAsync(name, version, emergency: false, User.OfficerPrincipal(), HttpContext.TraceIdentifier, cancellationToken);
        return await ResultAsync(name, change, change.Row is { } row ? $"Version {row.Version} (the content of {version}) submitted for approval." : "", cancellationToken);
    }

    public async Task<IActionResult> OnPostTestAsync(string name, int version, CancellationToken cancellationToken)
    {
        if (await store.VersionAsync(name, version, cancellationToken) is not { } row)
        {
            return NotFound();
        }

        var report = await RuleSetTests.RunStoredAsync(row, cancellationToken);
        Details.AddRange(report.Results.Select(c => $"{(c.Passed ? "passed" : "FAILED")}: {c.Name}" + (c.Error is null ? "" : $" ({c.Error})")
            + string.Concat(c.Failures.Select(f => $"; {f.Rule}: {f.Message}"))).Concat(report.Errors));
        Failed = !report.Passed;
        Message = $"Version {version}: {report.Cases - report.FailedCases} of {report.Cases} test case(s) pass.";
        return await ShowAsync(name, cancellationToken);
    }

    public async Task<IActionResult> OnPostBacktestAsync(string name, int version, int? days, CancellationToken cancellationToken)
    {
        if (days is not (>= 1 and <= 366))
        {
            return await RefuseAsync(name, "A backtest covers 1 to 366 days.", cancellationToken, StatusCodes.Status400BadRequest);
        }

        if (await store.VersionAsync(name, version, cancellationToken) is not { } row || row.RuleSet != RuleSetKind.PreTransaction.Name)
        {
            return NotFound();
        }

        var compiled = PublishedRuleSet.TryCreate(row.RuleSet, row.Version, row.ContentHash, row.Workflow, RuleSetStore.ParseSettings(row.Settings), out var problems);
        if (compiled is null)
        {
            Details.AddRange(problems);
            return await RefuseAsync(name, $"Version {version} does not compile.", cancellationToken, StatusCodes.Status409Conflict);
        }

        var now = time.GetUtcNow();
        var id = await jobs.StartJobAsync(compiled, new BacktestRange(now.AddDays(-days.Value), now, options.Value.BacktestMaxRows), User.OfficerPrincipal(), cancellationToken);
        return Redirect($"/console/rulesets/{name}/backtests/{id}");
    }

    private async Task<IActionResult> ResultAsync(string name, RuleSetChange change, string done, CancellationToken cancellationToken)
    {
        if (change.Status == RuleSetChangeStatus.Done)
        {
            Message = done;
            return await ShowAsync(name, cancellationToken);
        }

        return await RefuseAsync(name, change.Detail ?? change.Status.ToString(), cancellationToken, change.Status switch
        {
            RuleSetChangeStatus.NotFound => StatusCodes.Status404NotFound,
            RuleSetChangeStatus.Forbidden => StatusCodes.Status403Forbidden,
            RuleSetChangeStatus.Invalid => StatusCodes.Status400BadRequest,
            _ => StatusCodes.Status409Conflict,
        });
    }

    private async Task<IActionResult> RefuseAsync(string name, string message, CancellationToken cancellationToken, int status = StatusCodes.Status403Forbidden)
    {
        Failed = true;
        Message = message;
        Response.StatusCode = status;
        return await ShowAsync(name, cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(string name, CancellationToken cancellationToken)
    {
        if (await store.RuleSetAsync(name, cancellationToken) is not { } summary)
        {
            return NotFound();
        }

        Name = summary.Name;
        Published = summary.PublishedVersion;
        Versions = [.. (await store.VersionsAsync(name, cancellationToken)).OrderByDescending(v => v.Version)];
        return Page();
    }
}
