using Compliance.Api.Auth;

namespace Compliance.Api.RuleSets;

internal static class RuleSetExtensions
{
    /// <summary>Rule editing (the store, loader and catalog are registered with the checks that use them).</summary>
    public static IServiceCollection AddRuleSetEditing(this IServiceCollection services)
    {
        services.AddSingleton<Backtester>();
        services.AddSingleton<BacktestJobs>();
        services.AddHostedService(sp => sp.GetRequiredService<BacktestJobs>());
        services.AddAuthorizationBuilder()
            .AddPolicy(RuleSetEndpoints.ReadPolicy, p => p.RequireAuthenticatedUser().RequireRole(Roles.RulesEdit, Roles.RulesApprove, Roles.Admin))
            .AddPolicy(RuleSetEndpoints.PublishPolicy, p => p.RequireAuthenticatedUser().RequireRole(Roles.RulesEdit, Roles.RulesApprove))
            .AddPolicy(RuleSetEndpoints.RollbackPolicy, p => p.RequireAuthenticatedUser().RequireRole(Roles.RulesEdit, Roles.Admin));
        return services;
    }
}
