using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Compliance.Api.Kyc.Providers;

internal static class KycProviderClientExtensions
{
    /// <summary>
    /// Binds <c>Kyc</c>, and registers one typed HttpClient per provider behind its provider's
    /// resilience handler (<see cref="KycResilience"/>), each also as <see cref="IKycProviderClient"/>. A provider without a
    /// BaseUrl still registers; its calls fail with <see cref="KycProviderFailure.Refused"/>.
    /// </summary>
    public static IServiceCollection AddKycProviderClients(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<KycOptions>().Bind(configuration.GetSection(KycOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KycOptions>, KycResilienceOptionsValidator>());

        services.AddKycClient<SumsubClient>(KycProviders.Sumsub)
            .AddHttpMessageHandler(sp => new SumsubSigningHandler(sp.GetRequiredService<IOptions<KycOptions>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddKycClient<OnfidoClient>(KycProviders.Onfido);
        services.AddKycClient<StripeIdentityClient>(KycProviders.Stripe);
        services.AddKycClient<VeriffClient>(KycProviders.Veriff);
        services.AddKycClient<PersonaClient>(KycProviders.Persona);
        services.AddKycClient<ComplyAdvantageClient>(KycProviders.ComplyAdvantage);
        services.AddKycClient<NameScanClient>(KycProviders.NameScan);
        return services;
    }

    private static IHttpClientBuilder AddKycClient<TClient>(this IServiceCollection services, string provider)
        where TClient : class, IKycProviderClient
    {
        services.AddTransient<IKycProviderClient>(sp => sp.GetRequiredService<TClient>());
        return services.AddProviderHttpClient<TClient>(provider);
    }

    /// <summary>A typed HttpClient on <c>Kyc:Providers:&lt;provider&gt;</c>'s BaseUrl behind that provider's resilience handler.</summary>
    public static IHttpClientBuilder AddProviderHttpClient<TClient>(this IServiceCollection services, string provider)
        where TClient : class
    {
        return services
            .AddHttpClient<TClient>((sp, client) =>
            {
                // The pipeline owns every timeout; HttpClient's own 100 s would cut across it.
                client.Timeout = Timeout.InfiniteTimeSpan;
                if (sp.GetRequiredService<IOptions<KycOptions>>().Value.For(provider)?.BaseUrl is { Length: > 0 } baseUrl)
                {
                    // A trailing slash, so relative paths land under a base path such as Onfido's /v3.6.
                    client.BaseAddress = new Uri(baseUrl.TrimEnd('/') + "/", UriKind.Absolute);
                }
            })
            .AddKycResilience(provider);
    }
}
