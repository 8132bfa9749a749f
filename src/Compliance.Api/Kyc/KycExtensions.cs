using Compliance.Api.Auth;
using Compliance.Api.Kyc.Callbacks;
using Compliance.Api.Kyc.Providers;

namespace Compliance.Api.Kyc;

internal static class KycExtensions
{
    /// <summary>Start, read, callbacks, the inbox processor and reconciliation. </summary>
    public static IServiceCollection AddKyc(this IServiceCollection services, IConfiguration configuration)
    {
        // Binds the Kyc section (once: lists such as WebhookSecrets would repeat if bound twice).
        services.AddKycProviderClients(configuration);
        services.AddSingleton<KycStore>();
        services.AddSingleton<KycInbox>();
        services.AddSingleton<KycInboxSignal>();
        services.AddSingleton<KycStatusApplier>();
        services.AddKycCallbackReaders();
        services.AddSingleton<KycCallbackHandlers>();
        services.AddSingleton<RejectedCallbackThrottle>();

        // Transient: it holds typed HttpClients, whose handlers IHttpClientFactory recycles.
        services.AddTransient<KycProviderClients>();
        services.AddSingleton<KycInboxProcessor>();
        services.AddHostedService(sp => sp.GetRequiredService<KycInboxProcessor>());
        services.AddSingleton<KycReconciler>();
        services.AddHostedService(sp => sp.GetRequiredService<KycReconciler>());
        services.AddAuthorizationBuilder()
            .AddPolicy(KycEndpoints.ReadPolicy, p => p.RequireAuthenticatedUser().RequireRole(Roles.KycWrite, Roles.ChecksWrite, Roles.AuditRead));
        return services;
    }
}
