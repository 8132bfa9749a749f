using Compliance.Api.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Npgsql;

namespace Compliance.Api.OfficerConsole.Pages;

/// <summary>Ends the session (POST only, with the antiforgery token, so a link elsewhere cannot sign an officer out).</summary>
internal sealed class LogoutModel(AuditLog audit, NpgsqlDataSource dataSource) : PageModel
{
    public IActionResult OnGet() => Redirect("/console");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await audit.AppendAsync(dataSource, new AuditEvent(User.OfficerPrincipal(), "console.logout", AuditOutcome.Success, "officer", User.Identity!.Name,
            RequestId: HttpContext.TraceIdentifier), cancellationToken);
        await HttpContext.SignOutAsync(ConsoleAuth.Scheme);
        return Redirect("/console/login");
    }
}
