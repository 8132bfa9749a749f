using Compliance.Api.Auth;

namespace Compliance.Api.Screening;

internal static class ScreeningExtensions
{
    public static IServiceCollection AddScreening(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScreeningLists(configuration);
        services.AddSingleton<ScreeningIndexHolder>();
        services.AddSingleton<ScreeningService>();
        services.AddSingleton<CustomerScreener>();
        services.AddSingleton<Decisions.ScreeningDecisionStore>();
        services.AddSingleton<ScreeningLoader>();
        services.AddHostedService(sp => sp.GetRequiredService<ScreeningLoader>());
        services.AddSingleton<CustomerRescreening>();
        services.AddHostedService(sp => sp.GetRequiredService<CustomerRescreening>());
        services.AddAuthorizationBuilder()
            .AddPolicy(ScreeningEndpoints.ReadPolicy, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin, Roles.ScreeningRead, Roles.AuditRead));
        return services;
    }

    /// <summary>What importing lists needs, also for the <c>lists</c> command (no index, no web host).</summary>
    public static IServiceCollection AddScreeningLists(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ScreeningOptions>().Bind(configuration.GetSection(ScreeningOptions.Section))
            .Validate(o => o.Thresholds.Customer is > 0 and <= 1 && o.Thresholds.Counterparty is > 0 and <= 1 && o.Thresholds.Search is > 0 and <= 1,
                "Screening:Thresholds must be between 0 and 1")
            .Validate(o => o.RefreshSeconds is >= 1 and <= 3600, "Screening:RefreshSeconds must be between 1 and 3600")
            .Validate(o => o.RescreenPollSeconds is >= 1 and <= 3600, "Screening:RescreenPollSeconds must be between 1 and 3600")
            .Validate(o => o.RescreenLeaseSeconds is >= 2 and <= 3600, "Screening:RescreenLeaseSeconds must be between 2 and 3600")
            .Validate(o => o.MaxImportBytes is >= 1024, "Screening:MaxImportBytes must be at least 1024")
            .ValidateOnStart();
        services.AddSingleton<ScreeningListStore>();
        services.AddSingleton<ListImporter>();
        return services;
    }
}
