using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Compliance.Api.OfficerConsole.Pages;

/// <summary>The home dashboard: what happened today and what waits for an officer.</summary>
internal sealed class IndexModel(ConsoleDashboard dashboard) : PageModel
{
    public DashboardView View { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) => View = await dashboard.LoadAsync(cancellationToken);
}
