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
        services.AddSingleton(sp =>
        {
            var limit = sp.GetRequiredService<IOptions<KycOptions>>().Value.For(CompaniesHouseClient.Provider)?.RateLimit ?? new ProviderRateLimitOptions();
            return new SlidingWindowLog(limit.Requests, TimeSpan.FromSeconds(limit.WindowSeconds), sp.GetRequiredService<TimeProvider>());
        });
        services.AddProviderHttpClient<CompaniesHouseClient>(CompaniesHouseClient.Provider)
            .AddHttpMessageHandler(sp =>
            {
                var limit = sp.GetRequiredService<IOptions<KycOptions>>().Value.For(CompaniesHouseClient.Provider)?.RateLimit ?? new ProviderRateLimitOptions();
                return new CompaniesHouseRateLimitHandler(sp.GetRequiredService<SlidingWindowLog>(), TimeSpan.FromSeconds(limit.MaxWaitSeconds),
                    sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger<CompaniesHouseRateLimitHandler>());
            });
        return services;
    }
}
