using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Compliance.Api.Auth;

/// <summary>
/// <c>Authorization: Bearer &lt;key&gt;</c>. A missing or unknown key is 401, a key without the
/// endpoint's role 403, both as problem details.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ApiKeyCache keys,
    ComplianceMetrics metrics,
    IProblemDetailsService problemDetails) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string KeyIdClaim = "key_id";
    public const string RateLimitClaim = "rate_limit";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length > 512)
        {
            return Fail("malformed_authorization");
        }

        var presented = header["Bearer ".Length..].Trim();
        var key = presented.Length == 0 ? null : await keys.FindActiveAsync(presented, Context.RequestAborted);
        if (key is null)
        {
            return Fail("unknown_key");
        }

        var claims = new List<Claim>(key.Roles.Length + 3)
        {
            new(KeyIdClaim, key.Id.ToString()),
            new(ClaimTypes.Name, key.Name),
        };
        if (key.RateLimitPerSecond is { } limit)
        {
            claims.Add(new Claim(RateLimitClaim, limit.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        claims.AddRange(key.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await problemDetails.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "Unauthorized",
                Detail = "A valid API key is required: Authorization: Bearer <key>.",
            },
        });
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await problemDetails.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "Forbidden",
                Detail = "This API key does not hold the role this endpoint requires.",
            },
        });
    }

    private AuthenticateResult Fail(string reason)
    {
        metrics.AuthenticationFailed(reason);
        AuthLog.AuthenticationFailed(Logger, reason);
        return AuthenticateResult.Fail(reason);
    }
}
