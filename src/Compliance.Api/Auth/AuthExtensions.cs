using Microsoft.AspNetCore.Authorization;

namespace Compliance.Api.Auth;

internal static class AuthExtensions
{
    /// <summary>API keys, one authorization policy per role, and the per-key rate limiter.</summary>
    public static IServiceCollection AddApiKeyAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>()
            .Bind(configuration.GetSection(AuthOptions.Section))
            .Configure(o => o.BootstrapAdminKey ??= configuration["COMPLIANCE_BOOTSTRAP_ADMIN_KEY"])
            .Validate(o => o.DefaultRateLimitPerSecond > 0, "Auth:DefaultRateLimitPerSecond must be positive")
            .Validate(o => o.KeyCacheSeconds >= 0, "Auth:KeyCacheSeconds must not be negative")
            .ValidateOnStart();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<ApiKeyCache>();
        services.AddHostedService<BootstrapAdminKey>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            // Secure by default: an endpoint that forgets to say who may call it needs a valid key.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddRolePolicies();
        services.AddRateLimiter(_ => { });
        services.AddOptions<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>()
            .Configure<IServiceProvider>(ApiKeyRateLimiter.Configure);
        return services;
    }

    private static AuthorizationBuilder AddRolePolicies(this AuthorizationBuilder builder)
    {
        foreach (var role in Roles.All)
        {
            builder.AddPolicy(role, p => p.RequireAuthenticatedUser().RequireRole(role));
        }

        return builder;
    }
}
