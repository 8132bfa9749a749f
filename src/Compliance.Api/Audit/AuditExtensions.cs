namespace Compliance.Api.Audit;

internal static class AuditExtensions
{
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.AddSingleton<AuditLog>();
        services.AddSingleton<AuditStore>();
        services.AddSingleton<ChainCheckpoints>();
        return services;
    }

    /// <summary>The periodic checkpoint of chain heads, for the server (operator commands don't run it).</summary>
    public static IServiceCollection AddChainCheckpoints(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuditOptions>().Bind(configuration.GetSection(AuditOptions.Section))
            .Validate(o => o.CheckpointMinutes > 0, "Audit:CheckpointMinutes must be positive").ValidateOnStart();
        services.AddHostedService<ChainCheckpointer>();
        return services;
    }
}
