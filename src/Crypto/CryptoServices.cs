using Azure.Core;

namespace Compliance.Crypto;

/// <summary>
/// The vault's crypto services built from <see cref="CryptoOptions"/>; register the instance's
/// members as singletons and dispose it at shutdown (cached keys and root keys are zeroed).
/// </summary>
/// <example>
/// <code>
/// var options = configuration.GetSection("Crypto").Get&lt;CryptoOptions&gt;()!;
/// var crypto = CryptoServices.Create(options, TimeProvider.System, new DefaultAzureCredential());
/// services.AddSingleton(crypto).AddSingleton(crypto.DataKeys).AddSingleton(crypto.BlindIndexer);
/// // write:  using var created = await crypto.DataKeys.CreateDataKeyAsync(customerId, ct);   store created.Wrapped
/// //         var bytes = FieldEncryptor.Encrypt(created.Key, value, new EncryptionContext("kyc_subject", "national_id", customerId));
/// // read:   using var lease = await crypto.DataKeys.LeaseAsync(wrapped, encryptionCount, ct);
/// //         var value = FieldEncryptor.DecryptString(lease.Key, bytes, context);
/// // search: var index = crypto.BlindIndexer.Compute(new BlindIndexField("kyc_subject.national_id", BlindIndexNormalization.Identifier), value);
/// </code>
/// </example>
public sealed class CryptoServices : IDisposable
{
    private readonly List<IDisposable> _owned;

    private CryptoServices(IKeyEncryptionKeyProvider kek, IKeyEncryptionKeyProvider provider, DataKeyService dataKeys, DataKeyCache cache, BlindIndexer blindIndexer, List<IDisposable> owned)
    {
        KeyEncryptionKeys = kek;
        Provider = provider;
        DataKeys = dataKeys;
        Cache = cache;
        BlindIndexer = blindIndexer;
        _owned = owned;
    }

    /// <summary>The root KEK provider, local ring or Key Vault (for the <c>keys rotate</c> / <c>keys list</c> commands).</summary>
    public IKeyEncryptionKeyProvider KeyEncryptionKeys { get; }

    /// <summary>
    /// The provider that wraps data keys: <see cref="KeyEncryptionKeys"/> itself, or the
    /// <see cref="IntermediateKeyProvider"/> when <see cref="CryptoOptions.IntermediateKeyScope"/> is set
    /// (then call its <see cref="IntermediateKeyProvider.RewrapIntermediateKeysAsync"/> after a KEK rotation).
    /// </summary>
    public IKeyEncryptionKeyProvider Provider { get; }

    /// <summary>Create, unwrap (cached, via LeaseAsync) and rewrap data keys.</summary>
    public DataKeyService DataKeys { get; }

    /// <summary>The DEK cache: call <see cref="DataKeyCache.Remove"/> when a subject is erased.</summary>
    public DataKeyCache Cache { get; }

    public BlindIndexer BlindIndexer { get; }

    /// <param name="options">Validated options (see <see cref="CryptoOptions.Validate"/>).</param>
    /// <param name="timeProvider">Clock for cache expiry and key creation times.</param>
    /// <param name="credential">Azure.Identity credential; required for the Key Vault provider.</param>
    /// <param name="keyVaultClientOptions">Azure.Core options (transport, diagnostics) for Key Vault.</param>
    /// <param name="intermediateKeyStore">Persistence for intermediate keys; required when <see cref="CryptoOptions.IntermediateKeyScope"/> is set.</param>
    public static CryptoServices Create(
        CryptoOptions options,
        TimeProvider timeProvider,
        TokenCredential? credential = null,
        KeyVaultClientOptions? keyVaultClientOptions = null,
        IIntermediateKeyStore? intermediateKeyStore = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid crypto options: " + string.Join(" ", problems), nameof(options));
        }

        var owned = new List<IDisposable>();
        try
        {
            LocalKeyRingProvider? local = null;
            if (options.LocalKeyRing is not null)
            {
                local = new LocalKeyRingProvider(options.LocalKeyRing, timeProvider);
                owned.Add(local);
            }

            IKeyEncryptionKeyProvider kek = options.KekProvider == AzureKeyVaultKeyProvider.ProviderName
                ? new AzureKeyVaultKeyProvider(options.AzureKeyVault!, credential ?? throw new ArgumentNullException(nameof(credential), "The Key Vault provider needs a TokenCredential."), keyVaultClientOptions)
                : local!;
            var provider = kek;
            if (options.IntermediateKeyScope is { } scope)
            {
                var intermediate = new IntermediateKeyProvider(
                    kek,
                    intermediateKeyStore ?? throw new ArgumentNullException(nameof(intermediateKeyStore), "An intermediate key scope needs an IIntermediateKeyStore."),
                    scope,
                    timeProvider);
                owned.Add(intermediate);
                provider = intermediate;
            }

            var cache = new DataKeyCache(options.Cache, timeProvider);
            owned.Add(cache);
            var blindIndexer = BlindIndexer.FromBase64(options.BlindIndexRootKey!);
            owned.Add(blindIndexer);
            // Keys wrapped directly by the KEK (or by the local ring before a move to Key Vault) still unwrap.
            List<IKeyEncryptionKeyProvider> older = [];
            if (!ReferenceEquals(kek, provider))
            {
                older.Add(kek);
            }

            if (local is not null && !ReferenceEquals(local, kek))
            {
                older.Add(local);
            }

            var dataKeys = new DataKeyService(provider, options.DataKeys, cache, older);
            return new CryptoServices(kek, provider, dataKeys, cache, blindIndexer, owned);
        }
        catch
        {
            owned.ForEach(d => d.Dispose());
            throw;
        }
    }

    public void Dispose() => _owned.ForEach(d => d.Dispose());
}
