using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Compliance.Api.OfficerConsole;

/// <summary>
/// The officer's session: a cookie (HttpOnly, SameSite=Strict, sliding idle timeout) carrying who the
/// officer is, their role's permissions and their security stamp. Every request re-reads the officer,
/// so disabling an account or changing its role ends its sessions at once. The cookie is accepted by
/// console pages only; the API takes API keys, so a browser session can never be used against it.
/// </summary>
internal static class ConsoleAuth
{
    public const string Scheme = "Console";

    /// <summary>Any signed-in officer.</summary>
    public const string SignedIn = "console";

    /// <summary>Who reads the KYC inbox: auditors (as the API) and officers who start KYC checks (they retry events).</summary>
    public const string KycInboxPolicy = "console:kyc:inbox";

    public const string StampClaim = "compliance:stamp";
    public const string RoleClaim = "compliance:officer_role";
    public const string TimeZoneClaim = "compliance:tz";
    public const string DisplayNameClaim = "compliance:display_name";

    /// <summary>The console policy for one permission (<see cref="Auth.Roles"/>).</summary>
    public static string Policy(string permission) => "console:" + permission;

    public static ClaimsPrincipal Principal(OfficerRow officer)
    {
        ArgumentNullException.ThrowIfNull(officer);
        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, officer.Id.ToString()),
            new(ClaimTypes.Name, officer.Username),
            new(DisplayNameClaim, officer.DisplayName),
            new(RoleClaim, officer.Role),
            new(StampClaim, officer.SecurityStamp.ToString()),
            new(TimeZoneClaim, officer.TimeZone),
        ];
        claims.AddRange(OfficerRoles.Permissions[officer.Role].Select(p => new Claim(ClaimTypes.Role, p)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>The officer behind a console request, as audit events and four-eyes checks name them.</summary>
    public static string OfficerPrincipal(this ClaimsPrincipal user) => OfficerConsole.OfficerPrincipal.For(user.Identity!.Name!);

    public static string TimeZone(this ClaimsPrincipal user) => user.FindFirstValue(TimeZoneClaim) ?? "UTC";

    public static void Configure(CookieAuthenticationOptions o, int idleMinutes)
    {
        o.Cookie.Name = "compliance.console";
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Strict;
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.Cookie.Path = "/console";
        o.ExpireTimeSpan = TimeSpan.FromMinutes(idleMinutes);
        o.SlidingExpiration = true;
        o.LoginPath = "/console/login";
        o.LogoutPath = "/console/logout";
        o.AccessDeniedPath = "/console/denied";
        o.Events.OnValidatePrincipal = ValidateAsync;
    }

    // The session is only as good as the account behind it: gone, disabled or changed ends it.
    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var id = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = context.Principal?.FindFirstValue(StampClaim);
        var officer = Guid.TryParse(id, out var officerId)
            ? await context.HttpContext.RequestServices.GetRequiredService<OfficerStore>().FindAsync(officerId, context.HttpContext.RequestAborted)
            : null;
        if (officer is null || officer.DisabledAt is not null || officer.SecurityStamp.ToString() != stamp
            || officer.Role != context.Principal!.FindFirstValue(RoleClaim))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
        }
    }
}
