using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Compliance.Api.OfficerConsole.Pages;

/// <summary>
/// Where the identity provider's answer arrives (in the external cookie): it becomes a console session
/// only for an enabled officer account with that username whose bound subject, if any, is this one.
/// </summary>
internal sealed class OidcCompleteModel(OfficerStore officers, IOptions<ConsoleOidcOptions> options) : PageModel
{
    public const string Refused = "Single sign-on worked, but there is no usable officer account for you here. An admin creates officer accounts.";

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var external = await HttpContext.AuthenticateAsync(ConsoleOidc.ExternalScheme);
        await HttpContext.SignOutAsync(ConsoleOidc.ExternalScheme);
        if (!options.Value.Enabled || external.Principal is not { } principal)
        {
            return Redirect("/console/login");
        }

        var username = principal.FindFirstValue(options.Value.UsernameClaim)?.Trim().ToLowerInvariant();
        var subject = $"{principal.FindFirstValue("iss")}|{principal.FindFirstValue("sub")}";
        var (result, officer) = await officers.SignInExternalAsync(username ?? "", subject, HttpContext.TraceIdentifier, cancellationToken);
        if (result != LoginResult.SignedIn)
        {
            Error = Refused;
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }

        await HttpContext.SignInAsync(ConsoleAuth.Scheme, ConsoleAuth.Principal(officer!), new AuthenticationProperties { IsPersistent = false });
        return Redirect("/console");
    }
}
