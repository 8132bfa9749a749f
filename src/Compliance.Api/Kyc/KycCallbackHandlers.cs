using System.Diagnostics.CodeAnalysis;
using Compliance.Api.Kyc.Callbacks;

namespace Compliance.Api.Kyc;

/// <summary>Each provider's signature verifier and event reader, by provider name.</summary>
internal sealed class KycCallbackHandlers(IEnumerable<IWebhookVerifier> verifiers, IEnumerable<IKycEventReader> readers)
{
    private readonly Dictionary<string, IWebhookVerifier> _verifiers = verifiers.ToDictionary(v => v.Provider, StringComparer.Ordinal);
    private readonly Dictionary<string, IKycEventReader> _readers = readers.ToDictionary(r => r.Provider, StringComparer.Ordinal);

    public bool TryGet(string provider, [NotNullWhen(true)] out IWebhookVerifier? verifier, [NotNullWhen(true)] out IKycEventReader? reader)
    {
        reader = null;
        return _verifiers.TryGetValue(provider, out verifier) & _readers.TryGetValue(provider, out reader);
    }
}
