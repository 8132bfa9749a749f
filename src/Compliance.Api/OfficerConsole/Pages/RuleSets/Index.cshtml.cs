using Compliance.Api.RuleSets;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Compliance.Api.OfficerConsole.Pages.RuleSets;

[Authorize(Policy = ConsoleRuleSets.ReadPolicy)]
internal sealed class RuleSetsModel(RuleSetStore store) : PageModel
{
    public IReadOnlyList<RuleSetSummary> RuleSets { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => RuleSets = await store.RuleSetsAsync(cancellationToken);
}
