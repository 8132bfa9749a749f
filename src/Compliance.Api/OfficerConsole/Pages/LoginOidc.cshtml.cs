using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Compliance.Api.OfficerConsole.Pages;

/// <summary>Sends the officer to the identity provider; they come back to <c>/console/login/oidc-complete</c>.</summary>
internal sealed class LoginOidcModel(IOptions<ConsoleOidcOptions> options) : PageModel
{
    public IActionResult OnGet() => options.Value.Enabled
        ? Challenge(new AuthenticationProperties { RedirectUri = "/console/login/oidc-complete" }, ConsoleOidc.Scheme)
        : NotFound();
}
