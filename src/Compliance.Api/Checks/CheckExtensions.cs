using Compliance.Api.Auth;
using Compliance.Api.RuleSets;

namespace Compliance.Api.Checks;

internal static class CheckExtensions
{
    public static IServiceCollection AddChecks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CheckOptions>().Bind(configuration.GetSection(CheckOptions.Section))
            .Validate(o => o.TimeoutMilliseconds is >= 50 and <= 60_000, "Checks:TimeoutMilliseconds must be between 50 and 60000")
            .ValidateOnStart();
        services.AddOptions<RuleSetOptions>().Bind(configuration.GetSection(RuleSetOptions.Section));
        services.AddSingleton<RuleSetStore>();
        services.AddSingleton<RuleSetCatalog>();
        services.AddSingleton<RuleSetLoader>();
        services.AddHostedService(sp => sp.GetRequiredService<RuleSetLoader>());
        services.AddSingleton<FxRates>();
        services.AddHostedService<FxRatesLoader>();
        services.AddSingleton<CheckStore>();
        services.AddSingleton<CheckService>();
        services.AddAuthorizationBuilder()
            .AddPolicy(CheckEndpoints.ReadPolicy, p => p.RequireAuthenticatedUser().RequireRole(Roles.ChecksWrite, Roles.AuditRead));
        return services;
    }
}
