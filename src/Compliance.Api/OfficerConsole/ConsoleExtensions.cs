using Compliance.Api.Auth;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Compliance.Api.OfficerConsole;

internal static class ConsoleExtensions
{
    // Pages load nothing from elsewhere, run no inline script or style, and may not be framed.
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static IServiceCollection AddConsole(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ConsoleOptions>().Bind(configuration.GetSection(ConsoleOptions.Section))
            .Validate(o => o.IdleTimeoutMinutes is >= 1 and <= 24 * 60, "Console:IdleTimeoutMinutes must be between 1 and 1440")
            .ValidateOnStart();
        services.AddOfficers();
        services.AddSingleton<ConsoleDashboard>();
        services.AddSingleton<DecisionExplanation>();
        services.AddSingleton<ConsoleCustomers>();
        services.AddSingleton<DataProtectionKeyStore>();
        services.AddDataProtection().SetApplicationName("compliance");
        services.AddOptions<KeyManagementOptions>().Configure<DataProtectionKeyStore>((o, store) =>
        {
            o.XmlRepository = store;

            // The store encrypts each key's whole XML under the KEK; Data Protection's own encryptor would only repeat it.
            o.XmlEncryptor = new NullXmlEncryptor();
        });
        var authentication = services.AddAuthentication().AddCookie(ConsoleAuth.Scheme, _ => { });
        services.AddOptions<ConsoleOidcOptions>().Bind(configuration.GetSection(ConsoleOidcOptions.Section))
            .Validate(o => !o.Enabled || (Uri.TryCreate(o.Authority, UriKind.Absolute, out _) && !string.IsNullOrWhiteSpace(o.ClientId)),
                "Console:Oidc needs an absolute Authority URL and a ClientId")
            .ValidateOnStart();
        ConsoleOidc.Add(authentication);

        services.AddOptions<CookieAuthenticationOptions>(ConsoleAuth.Scheme)
            .Configure<IOptions<ConsoleOptions>>((o, console) => ConsoleAuth.Configure(o, console.Value.IdleTimeoutMinutes));
        var authorization = services.AddAuthorizationBuilder()
            .AddPolicy(ConsoleAuth.SignedIn, p => p.AddAuthenticationSchemes(ConsoleAuth.Scheme).RequireAuthenticatedUser())
            .AddConsoleRuleSetPolicies()
            .AddPolicy(ConsoleAuth.KycInboxPolicy, p => p.AddAuthenticationSchemes(ConsoleAuth.Scheme).RequireAuthenticatedUser().RequireRole(Roles.AuditRead, Roles.KycWrite));
        foreach (var permission in Roles.All)
        {
            authorization.AddPolicy(ConsoleAuth.Policy(permission), p => p.AddAuthenticationSchemes(ConsoleAuth.Scheme).RequireAuthenticatedUser().RequireRole(permission));
        }

        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "compliance.console.csrf";
            o.Cookie.Path = "/console";
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddRazorPages(o =>
        {
            o.RootDirectory = "/OfficerConsole/Pages";
            o.Conventions.AuthorizeFolder("/", ConsoleAuth.SignedIn);
            o.Conventions.AllowAnonymousToPage("/Login");
            o.Conventions.AllowAnonymousToPage("/LoginOidc");
            o.Conventions.AllowAnonymousToPage("/OidcComplete");
        });
        return services;
    }

    /// <summary>Officer accounts alone: what the command line needs.</summary>
    public static IServiceCollection AddOfficers(this IServiceCollection services)
    {
        services.AddSingleton<IPasswordHasher<OfficerRow>, PasswordHasher<OfficerRow>>();
        services.AddSingleton<OfficerStore>();
        return services;
    }

    /// <summary>Secure headers on every console response, before anything else writes one.</summary>
    public static IApplicationBuilder UseConsoleHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/console", StringComparison.Ordinal))
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XFrameOptions = "DENY";
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers.CacheControl = "no-store";
            }

            return next(context);
        });

    public static IEndpointRouteBuilder MapConsole(this IEndpointRouteBuilder routes)
    {
        ConsoleOidc.RemoveUnlessEnabled(routes.ServiceProvider);
        routes.MapRazorPages();
        routes.MapGet("/console/console.css", () => Results.Text(ConsoleAssets.Css, "text/css")).AllowAnonymous().ExcludeFromDescription();
        routes.MapGet("/console/console.js", () => Results.Text(ConsoleAssets.Script, "text/javascript")).AllowAnonymous().ExcludeFromDescription();
        return routes;
    }
}
