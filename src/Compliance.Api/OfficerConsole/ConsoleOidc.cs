using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace Compliance.Api.OfficerConsole;

/// <summary>Sign-in through the bank's identity provider (section <c>Console:Oidc</c>); off unless an authority is configured.</summary>
internal sealed class ConsoleOidcOptions
{
    public const string Section = "Console:Oidc";

    /// <summary>The provider's issuer URL (its discovery document is under <c>/.well-known/openid-configuration</c>).</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>What the sign-in button says: "Sign in with …".</summary>
    public string DisplayName { get; set; } = "single sign-on";

    /// <summary>The ID token claim that holds the officer's username here.</summary>
    public string UsernameClaim { get; set; } = "preferred_username";

    /// <summary>Off only for a provider on loopback in tests and development.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}

/// <summary>
/// OpenID Connect for the console: the provider proves who the person is (authorization code flow with
/// PKCE); the officer account, created by an admin, says what they may do. The provider's answer lands
/// in a short-lived external cookie; the completion page maps it to an enabled officer, binds the
/// provider's subject to the account on first use (a reused username at the provider cannot take the
/// account over later), and starts the ordinary console session.
/// </summary>
internal static class ConsoleOidc
{
    public const string Scheme = "ConsoleOidc";

    public const string ExternalScheme = "ConsoleExternal";

    public const string CallbackPath = "/console/signin-oidc";

    /// <summary>
    /// Registers the handlers; their settings are read when first used, from the final configuration.
    /// <see cref="RemoveUnlessEnabled"/> takes the schemes away again at start-up when no provider is
    /// configured (an OpenID Connect scheme without a client id would fail every request).
    /// </summary>
    public static void Add(AuthenticationBuilder authentication)
    {
        authentication.AddCookie(ExternalScheme, o =>
        {
            o.Cookie.Name = "compliance.console.external";
            o.Cookie.Path = "/console";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromMinutes(5);
        });
        authentication.AddOpenIdConnect(Scheme, _ => { });
        authentication.Services.AddOptions<OpenIdConnectOptions>(Scheme).Configure<IOptions<ConsoleOidcOptions>>((o, configured) =>
        {
            var options = configured.Value;
            o.Authority = options.Authority;
            o.ClientId = options.ClientId;
            o.ClientSecret = options.ClientSecret;
            o.ResponseType = "code";
            o.UsePkce = true;
            o.SignInScheme = ExternalScheme;
            o.CallbackPath = CallbackPath;
            o.RequireHttpsMetadata = options.RequireHttpsMetadata;
            o.MapInboundClaims = false;
            o.SaveTokens = false;
            o.GetClaimsFromUserInfoEndpoint = false;
            o.Scope.Clear();
            o.Scope.Add("openid");
            o.Scope.Add("profile");

            // The provider redirects back with a top-level GET: the correlation and nonce cookies must survive it (Lax), also over plain HTTP in development.
            o.CorrelationCookie.SameSite = SameSiteMode.Lax;
            o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.NonceCookie.SameSite = SameSiteMode.Lax;
            o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
    }

    public static void RemoveUnlessEnabled(IServiceProvider services)
    {
        if (!services.GetRequiredService<IOptions<ConsoleOidcOptions>>().Value.Enabled)
        {
            var schemes = services.GetRequiredService<IAuthenticationSchemeProvider>();
            schemes.RemoveScheme(Scheme);
            schemes.RemoveScheme(ExternalScheme);
        }
    }
}
