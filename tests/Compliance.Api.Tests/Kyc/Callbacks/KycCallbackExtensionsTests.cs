using Compliance.Api.Kyc;
using Compliance.Api.Kyc.Callbacks;
using Microsoft.Extensions.DependencyInjection;

namespace Compliance.Api.Tests.Kyc.Callbacks;

public sealed class KycCallbackExtensionsTests
{
    [Fact]
    public void AddKycCallbackReaders_RegistersOneVerifierAndOneReaderPerProviderThatCallsBack()
    {
        using var provider = new ServiceCollection().AddKycCallbackReaders().BuildServiceProvider();

        provider.GetServices<IWebhookVerifier>().Select(v => v.Provider).Should().BeEquivalentTo(KycProviders.WithCallbacks);
        provider.GetServices<IKycEventReader>().Select(r => r.Provider).Should().BeEquivalentTo(KycProviders.WithCallbacks);
    }

    [Fact]
    public void AddKycCallbackReaders_RegistersSingletons()
    {
        using var provider = new ServiceCollection().AddKycCallbackReaders().BuildServiceProvider();

        provider.GetServices<IWebhookVerifier>().First().Should().BeSameAs(provider.GetServices<IWebhookVerifier>().First());
        provider.GetServices<IKycEventReader>().First().Should().BeSameAs(provider.GetServices<IKycEventReader>().First());
    }
}
