using Compliance.Api.Kyc.Callbacks.Readers;
using Compliance.Api.Kyc.Callbacks.Verifiers;

namespace Compliance.Api.Kyc.Callbacks;

internal static class KycCallbackExtensions
{
    /// <summary>
    /// Every provider's signature verifier and event reader, resolved as <c>IEnumerable&lt;…&gt;</c> and picked by
    /// <c>Provider</c>. All are stateless, so singletons.
    /// </summary>
    public static IServiceCollection AddKycCallbackReaders(this IServiceCollection services)
    {
        services.AddSingleton<IWebhookVerifier, OnfidoWebhookVerifier>();
        services.AddSingleton<IWebhookVerifier, SumsubWebhookVerifier>();
        services.AddSingleton<IWebhookVerifier, StripeWebhookVerifier>();
        services.AddSingleton<IWebhookVerifier, VeriffWebhookVerifier>();
        services.AddSingleton<IWebhookVerifier, PersonaWebhookVerifier>();
        services.AddSingleton<IWebhookVerifier, ComplyAdvantageWebhookVerifier>();

        services.AddSingleton<IKycEventReader, OnfidoEventReader>();
        services.AddSingleton<IKycEventReader, SumsubEventReader>();
        services.AddSingleton<IKycEventReader, StripeEventReader>();
        services.AddSingleton<IKycEventReader, VeriffEventReader>();
        services.AddSingleton<IKycEventReader, PersonaEventReader>();
        services.AddSingleton<IKycEventReader, ComplyAdvantageEventReader>();
        return services;
    }
}
