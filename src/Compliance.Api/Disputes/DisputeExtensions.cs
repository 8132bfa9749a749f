using Compliance.Api.Auth;

namespace Compliance.Api.Disputes;

internal static class DisputeExtensions
{
    public static IServiceCollection AddDisputes(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DisputeOptions>().Bind(configuration.GetSection(DisputeOptions.Section))
            .Validate(o => o.ReviewSlaHours > 0 && o.EscalatedSlaHours > 0 && o.EvidenceHours > 0, "Disputes: SLA and evidence hours must be positive")
            .Validate(o => o.DeadlineSweepSeconds is >= 1 and <= 3600, "Disputes:DeadlineSweepSeconds must be between 1 and 3600")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Inbox) && !string.IsNullOrWhiteSpace(o.EscalatedInbox), "Disputes: both inboxes must be named")
            .ValidateOnStart();
        services.AddSingleton<DisputeStore>();
        services.AddSingleton<DisputeService>();
        services.AddSingleton<DisputeDeadlines>();
        services.AddHostedService(sp => sp.GetRequiredService<DisputeDeadlines>());
        services.AddAuthorizationBuilder()
            .AddPolicy(DisputeEndpoints.ReadPolicy, p => p.RequireAuthenticatedUser().RequireRole(Roles.ChecksWrite, Roles.AuditRead, Roles.CasesRead));
        return services;
    }
}
