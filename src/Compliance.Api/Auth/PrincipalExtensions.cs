using System.Security.Claims;

namespace Compliance.Api.Auth;

internal static class PrincipalExtensions
{
    /// <summary>The API key behind an authenticated request.</summary>
    public static Guid KeyId(this ClaimsPrincipal user) =>
        Guid.Parse(user.FindFirst(ApiKeyAuthenticationHandler.KeyIdClaim)!.Value);

    /// <summary>How the caller appears as the principal of audit events: <c>key:&lt;id&gt;</c>.</summary>
    public static string AuditPrincipal(this ClaimsPrincipal user) => ApiKeyStore.Principal(user.KeyId());
}
