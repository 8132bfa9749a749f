using Compliance.Api.Auth;
using Compliance.Api.RuleSets;

namespace Compliance.Api.Checks;

internal static class CheckExtensions
{
    public static IServiceCollection AddChecks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CheckOptions>().Bind(configuration.GetSection(CheckOptions.Section))
            .Validate(o => o.TimeoutMilliseconds is >= 50 and <= 60_000, "Checks:TimeoutMilliseconds must be between 50 and 60000")
            .Validate(o => o.BatchWriters is >= 1 and <= 64, "Checks:BatchWriters must be between 1 and 64")
            .Validate(o => o.MaxBatch is >= 1 and <= 256, "Checks:MaxBatch must be between 1 and 256")
            .ValidateOnStart();
        services.AddOptions<RuleSetOptions>().Bind(configuration.GetSection(RuleSetOptions.Section))
            .Validate(o => o.BacktestResumeSeconds is > 0 and <= 3600, "RuleSets:BacktestResumeSeconds must be between 1 and 3600")
            .Validate(o => o.BacktestCheckpointMilliseconds is >= 10 and <= 10_000, "RuleSets:BacktestCheckpointMilliseconds must be between 10 and 10000")
            .Validate(o => o.BacktestStaleSeconds * 1000 >= 5 * o.BacktestCheckpointMilliseconds && o.BacktestStaleSeconds >= 2,
                "RuleSets:BacktestStaleSeconds must be at least 2 and five checkpoint intervals")
            .Validate(o => o.BacktestRetentionDays > 0, "RuleSets:BacktestRetentionDays must be positive")
            .ValidateOnStart();
        services.AddSingleton<RuleSetStore>();
        services.AddSingleton<RuleSetCatalog>();
        services.AddSingleton<RuleSetLoader>();
        services.AddHostedService(sp => sp.GetRequiredService<RuleSetLoader>());
        services.AddSingleton<FxRates>();
        services.AddHostedService<FxRatesLoader>();
        services.AddSingleton<CustomerTurns>();
        services.AddSingleton<CheckWriter>();
        services.AddSingleton<CheckStore>();
        services.AddSingleton<CheckService>();
        services.AddAuthorizationBuilder()
            .AddPolicy(CheckEndpoints.ReadPolicy, p => p.RequireAuthenticatedUser().RequireRole(Roles.ChecksWrite, Roles.AuditRead));
        return services;
    }
}
