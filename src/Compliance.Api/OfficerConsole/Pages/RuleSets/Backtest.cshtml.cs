using Compliance.Api.RuleSets;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Compliance.Api.OfficerConsole.Pages.RuleSets;

/// <summary>A backtest's progress (the page refreshes itself while it runs) and, when done, its flip report.</summary>
[Authorize(Policy = ConsoleRuleSets.ReadPolicy)]
internal sealed class BacktestModel(BacktestJobs jobs) : PageModel
{
    public BacktestStatus Status { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string name, Guid id, CancellationToken cancellationToken)
    {
        if (await jobs.FindAsync(name, id, cancellationToken) is not { } status)
        {
            return NotFound();
        }

        Status = status;
        return Page();
    }
}
