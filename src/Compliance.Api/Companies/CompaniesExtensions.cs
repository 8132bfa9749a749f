using Compliance.Api.Kyc;
using Compliance.Api.Kyc.Providers;
using Microsoft.Extensions.Options;

namespace Compliance.Api.Companies;

internal static class CompaniesExtensions
{
    public static IServiceCollection AddCompanies(this IServiceCollection services)
    {
        services.AddSingleton<CompanyStore>();
        return services.AddCompaniesHouseClient();
    }

    /// <summary>
    /// The Companies House client on <c>Kyc:Providers:companieshouse</c>, behind the resilience handler
    /// like the KYC providers, with the rate limiter innermost so every attempt takes a slot. One
    /// window per process, shared by every handler chain the factory builds.
    /// </summary>
    public static IServiceCollection AddCompaniesHouseClient(this IServiceCollection services)
    {
        services.AddSingleton(sp => new SlidingWindowLog(Limit(sp).Requests, TimeSpan.FromSeconds(Limit(sp).WindowSeconds), sp.GetRequiredService<TimeProvider>()));
        services.AddProviderHttpClient<CompaniesHouseClient>(CompaniesHouseClient.Provider)
            .AddHttpMessageHandler(sp => new CompaniesHouseRateLimitHandler(sp.GetRequiredService<SlidingWindowLog>(), TimeSpan.FromSeconds(Limit(sp).MaxWaitSeconds),
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger<CompaniesHouseRateLimitHandler>()));
        return services;
    }

    private static ProviderRateLimitOptions Limit(IServiceProvider services) =>
        services.GetRequiredService<IOptions<KycOptions>>().Value.For(CompaniesHouseClient.Provider)?.RateLimit ?? new ProviderRateLimitOptions();
}
