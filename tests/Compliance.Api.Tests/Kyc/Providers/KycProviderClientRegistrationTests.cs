using Compliance.Api.Kyc;
using Compliance.Api.Kyc.Providers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Compliance.Api.Tests.Kyc.Providers;

public sealed class KycProviderClientRegistrationTests
{
    [Fact]
    public async Task AddKycProviderClients_NothingConfigured_EveryProviderListedAndRefusesOnUse()
    {
        using var services = Build(new Dictionary<string, string?>());

        var clients = services.GetServices<IKycProviderClient>().ToList();

        clients.Select(c => c.Provider).Should().BeEquivalentTo(KycProviders.All);
        foreach (var client in clients)
        {
            var act = () => client.FetchAsync("any", default);
            (await act.Should().ThrowAsync<KycProviderException>())
                .Which.Should().Match<KycProviderException>(e => e.Failure == KycProviderFailure.Refused && e.Message.Contains("not configured"));
        }
    }

    [Fact]
    public void AddKycProviderClients_BadResilienceNumber_FailsValidationNamingTheSetting()
    {
        using var services = Build(new Dictionary<string, string?>
        {
            ["Kyc:Providers:stripe:BaseUrl"] = "http://127.0.0.1:1/",
            ["Kyc:Providers:stripe:Resilience:BreakMinimumThroughput"] = "1",
        });

        var act = () => services.GetRequiredService<IOptions<KycOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().WithMessage("*Kyc:Providers:stripe:Resilience:BreakMinimumThroughput*");
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddKycProviderClients(configuration);
        return services.BuildServiceProvider();
    }
}
