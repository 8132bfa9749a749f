using System.Security.Claims;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Compliance.Api.OfficerConsole.Pages;

/// <summary>
/// The officer's own account, and setting up two-step sign-in: a new secret is shown once, carried to
/// the confirmation only inside a protected form field (nothing is stored until the officer proves
/// their app produces its codes), then stored protected.
/// </summary>
internal sealed class AccountModel(OfficerStore officers, IDataProtectionProvider protection, TimeProvider time) : PageModel
{
    private const string PendingPurpose = "Compliance.OfficerConsole.TotpEnrolment.v1";

    public OfficerRow Officer { get; private set; } = null!;

    public string? PendingSecret { get; private set; }

    public string? PendingUri { get; private set; }

    public string? Pending { get; private set; }

    public string? Message { get; private set; }

    public bool Failed { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken) ? Page() : Forbid();

    public async Task<IActionResult> OnPostStartAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken) || Officer.TotpSecret is not null)
        {
            return Officer is null ? Forbid() : Page();
        }

        Offer(Totp.NewSecret());
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(string? pending, string? code, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken) || Officer.TotpSecret is not null)
        {
            return Officer is null ? Forbid() : Page();
        }

        byte[] secret;
        try
        {
            // Time-limited: an enrolment left open for an hour starts again.
            secret = Convert.FromBase64String(protection.CreateProtector(PendingPurpose).ToTimeLimitedDataProtector()
                .Unprotect(pending ?? "", out _));
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or FormatException)
        {
            (Failed, Message) = (true, "The set-up expired; start again.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (Totp.Match(secret, code?.Trim(), time.GetUtcNow(), null) is not { } step)
        {
            (Failed, Message) = (true, "That code does not match; check the app's clock and try the next code.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Offer(secret);
            return Page();
        }

        await officers.EnableTotpAsync(Officer, secret, step, HttpContext.TraceIdentifier, cancellationToken);
        await LoadAsync(cancellationToken);
        Message = "Two-step sign-in is on: sign-in now asks for a code from your app.";
        return Page();
    }

    private void Offer(byte[] secret)
    {
        PendingSecret = Totp.Base32(secret);
        PendingUri = Totp.Uri(Officer.Username, secret);
        Pending = protection.CreateProtector(PendingPurpose).ToTimeLimitedDataProtector().Protect(Convert.ToBase64String(secret), TimeSpan.FromHours(1));
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var officer = Guid.TryParse(User.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? await officers.FindAsync(id, cancellationToken) : null;
        Officer = officer!;
        return officer is not null;
    }
}
