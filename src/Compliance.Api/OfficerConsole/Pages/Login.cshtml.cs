using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Compliance.Api.OfficerConsole.Pages;

/// <summary>Password sign-in. Every failure reads the same, so the page never tells which usernames exist or are locked.</summary>
internal sealed class LoginModel(OfficerStore officers) : PageModel
{
    public const string Failed =
        "The username, password or one-time code is wrong, or the account is locked. After 5 failed attempts an account is locked for 15 minutes.";

    public string? Error { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? Username { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var (result, officer) = await officers.SignInAsync((Username ?? "").Trim(), Password ?? "", Code, HttpContext.TraceIdentifier, cancellationToken);
        if (result != LoginResult.SignedIn)
        {
            Error = Failed;
            (Password, Code) = (null, null);
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }

        await HttpContext.SignInAsync(ConsoleAuth.Scheme, ConsoleAuth.Principal(officer!), new AuthenticationProperties { IsPersistent = false });
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) && ReturnUrl!.StartsWith("/console", StringComparison.Ordinal) ? ReturnUrl : "/console");
    }
}
