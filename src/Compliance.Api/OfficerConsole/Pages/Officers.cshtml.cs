using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Compliance.Api.OfficerConsole.Pages;

/// <summary>Admins create officers here (or with <c>officers create</c>); the generated password is shown once.</summary>
[Authorize(Policy = "console:" + Auth.Roles.Admin)]
internal sealed class OfficersModel(OfficerStore officers, TimeProvider time) : PageModel
{
    public DateTimeOffset Now => time.GetUtcNow();

    public IReadOnlyList<OfficerRow> Officers { get; private set; } = [];

    public List<string> Errors { get; } = [];

    public string? Created { get; private set; }

    public string? Password { get; private set; }

    [BindProperty]
    public string? Username { get; set; }

    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public string? Role { get; set; }

    [BindProperty]
    public string? TimeZone { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Officers = await officers.ListAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Errors.AddRange(OfficerInput.Validate(Username, DisplayName, Role, TimeZone ?? "UTC"));
        if (Errors.Count == 0)
        {
            var password = OfficerStore.GeneratePassword();
            var created = await officers.CreateAsync(Username!, DisplayName!.Trim(), Role!, password, TimeZone ?? "UTC", User.OfficerPrincipal(), HttpContext.TraceIdentifier,
                cancellationToken);
            if (created is null)
            {
                Errors.Add($"The username {Username} is taken.");
            }
            else
            {
                (Created, Password) = (created.Username, password);
                Username = DisplayName = Role = TimeZone = null;
            }
        }

        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        Officers = await officers.ListAsync(cancellationToken);
        return Page();
    }
}
