namespace Compliance.Api.Cases;

internal static class CaseExtensions
{
    public static IServiceCollection AddCases(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CaseOptions>().Bind(configuration.GetSection(CaseOptions.Section))
            .Validate(o => o.JoinWindowHours is > 0 and <= 24 * 90, "Cases:JoinWindowHours must be between 1 and 2160")
            .Validate(o => o.DefaultSlaHours > 0 && o.Routes.All(r => r.SlaHours > 0), "Cases: SLA hours must be positive")
            .Validate(o => o.DefaultPriority is >= 1 and <= 3 && o.Routes.All(r => r.Priority is >= 1 and <= 3), "Cases: priorities are 1 to 3")
            .Validate(o => !string.IsNullOrWhiteSpace(o.DefaultInbox) && o.Routes.All(r => !string.IsNullOrWhiteSpace(r.Inbox)
                    && (r.ReasonCodePrefix.Length > 0) != (r.Tag.Length > 0) && (r.Tag.Length == 0 || RuleSets.RuleMeta.IsTag(r.Tag))),
                "Cases: every route needs an inbox and either a reason code prefix or a tag (letters, digits, '-' or '_'), not both")
            .ValidateOnStart();
        services.AddSingleton<CaseRouting>();
        services.AddSingleton<CaseStore>();
        services.AddSingleton<CaseOpener>();
        services.AddSingleton<CaseComments>();
        services.AddSingleton<CaseViews>();
        return services;
    }
}
