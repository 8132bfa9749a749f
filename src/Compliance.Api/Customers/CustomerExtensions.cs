using Compliance.Api.Auth;
using Microsoft.Extensions.Options;

namespace Compliance.Api.Customers;

internal static class CustomerExtensions
{
    /// <summary>The vault's crypto (built at first use, disposed with the container) and the customer store.</summary>
    public static IServiceCollection AddCustomers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<VaultOptions>().Bind(configuration.GetSection(VaultOptions.Section));
        services.AddSingleton(sp => VaultKeys.Create(
            sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IOptions<VaultOptions>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<CustomerStore>();
        services.AddSingleton<KeyRewrap>();
        services.AddHostedService<DataKeyEvictions>();
        services.AddAuthorizationBuilder()
            .AddPolicy(CustomerEndpoints.ReadPolicy, p => p.RequireAuthenticatedUser().RequireRole(Roles.ChecksWrite, Roles.PiiRead));
        return services;
    }
}
