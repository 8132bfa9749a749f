using Compliance.Api.Kyc.Providers;

namespace Compliance.Api.Kyc;

/// <summary>The provider clients by name.</summary>
internal sealed class KycProviderClients(IEnumerable<IKycProviderClient> clients)
{
    private readonly Dictionary<string, IKycProviderClient> _byName = clients.ToDictionary(c => c.Provider, StringComparer.Ordinal);

    public IKycProviderClient? For(string provider) => _byName.GetValueOrDefault(provider);
}
