using System.Security.Cryptography;

namespace Compliance.Crypto;

/// <summary>
/// Creates, unwraps and rewraps per-subject data keys (DEKs) under a key encryption key provider.
/// </summary>
/// <remarks>
/// <para>One DEK per data subject: erasing a person is deleting one <see cref="WrappedKey"/> row
/// (then <see cref="DataKeyCache.Remove"/> on every node).</para>
/// <para>New keys and rewraps use <see cref="Provider"/>; unwrap picks the provider named in the
/// wrapped key, so keys wrapped by an older provider (e.g. the local ring before moving to Key
/// Vault) still open and can be moved with <see cref="RewrapAsync"/>.</para>
/// </remarks>
public sealed class DataKeyService
{
    private readonly Dictionary<string, IKeyEncryptionKeyProvider> _providers = new(StringComparer.Ordinal);
    private readonly DataKeyServiceOptions _options;
    private readonly DataKeyCache? _cache;

    public DataKeyService(
        IKeyEncryptionKeyProvider provider,
        DataKeyServiceOptions? options = null,
        DataKeyCache? cache = null,
        IEnumerable<IKeyEncryptionKeyProvider>? olderProviders = null)
    {
        ArgumentNullException.ThrowIfNull(provider);
        _options = options ?? new DataKeyServiceOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.MaxEncryptionsPerKey);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(_options.MaxEncryptionsPerKey, DataKey.MaxGcmInvocations);
        Provider = provider;
        _cache = cache;
        _providers[provider.Name] = provider;
        foreach (var older in olderProviders ?? [])
        {
            _providers.TryAdd(older.Name, older);
        }
    }

    /// <summary>The provider that wraps new keys and rewraps old ones.</summary>
    public IKeyEncryptionKeyProvider Provider { get; }

    /// <summary>
    /// Creates a random 256-bit data key for <paramref name="subjectId"/> and wraps it under the
    /// current KEK. Persist <see cref="CreatedDataKey.Wrapped"/> before storing anything encrypted with it.
    /// </summary>
    public async Task<CreatedDataKey> CreateDataKeyAsync(string subjectId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subjectId);
        var id = DataKeyId.New();
        var material = GC.AllocateUninitializedArray<byte>(DataKey.KeySize, pinned: true);
        try
        {
            RandomNumberGenerator.Fill(material);
            var result = await Provider.WrapAsync(material, cancellationToken);
            var wrapped = new WrappedKey(id, subjectId, Provider.Name, result.KeyId, result.Algorithm, result.WrappedKey);
            return new CreatedDataKey(new DataKey(id, material, 0, _options.MaxEncryptionsPerKey), wrapped);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(material);
        }
    }

    /// <summary>
    /// Unwraps a stored key with the exact KEK version it names. The caller owns (disposes) the result.
    /// </summary>
    /// <param name="wrapped">The stored key.</param>
    /// <param name="encryptionsSoFar">The store's persisted encryption count for this key, so the usage limit holds across restarts.</param>
    /// <param name="cancellationToken">Cancels the provider call.</param>
    public async Task<DataKey> UnwrapAsync(WrappedKey wrapped, long encryptionsSoFar = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(wrapped);
        var provider = ResolveProvider(wrapped);
        var material = await provider.UnwrapAsync(wrapped.KekId, wrapped.Algorithm, wrapped.Ciphertext, cancellationToken);
        try
        {
            return new DataKey(wrapped.DataKeyId, material, encryptionsSoFar, _options.MaxEncryptionsPerKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(material);
        }
    }

    /// <summary>
    /// Returns a lease on the key, from the cache when one was given (concurrent misses share one
    /// unwrap), else from a fresh unwrap. Dispose the lease after the operation.
    /// </summary>
    public async ValueTask<DataKeyLease> LeaseAsync(WrappedKey wrapped, long encryptionsSoFar = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(wrapped);
        if (_cache is null)
        {
            return new DataKeyLease(await UnwrapAsync(wrapped, encryptionsSoFar, cancellationToken));
        }

        return await _cache.GetOrLoadAsync(
            wrapped.DataKeyId,
            ct => UnwrapAsync(wrapped, encryptionsSoFar, ct),
            cancellationToken);
    }

    /// <summary>
    /// Re-wraps a stored key under the provider's current KEK version without touching any data
    /// encrypted with it (the DEK and its id stay the same). Returns <paramref name="wrapped"/>
    /// itself when it is already current; otherwise persist the result in place of the old row.
    /// </summary>
    public async Task<WrappedKey> RewrapAsync(WrappedKey wrapped, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(wrapped);
        var current = await Provider.GetCurrentKeyIdAsync(cancellationToken);
        if (string.Equals(wrapped.ProviderName, Provider.Name, StringComparison.Ordinal)
            && string.Equals(wrapped.KekId, current, StringComparison.Ordinal))
        {
            return wrapped;
        }

        var material = await ResolveProvider(wrapped).UnwrapAsync(wrapped.KekId, wrapped.Algorithm, wrapped.Ciphertext, cancellationToken);
        try
        {
            var result = await Provider.WrapAsync(material, cancellationToken);
            return wrapped with
            {
                ProviderName = Provider.Name,
                KekId = result.KeyId,
                Algorithm = result.Algorithm,
                Ciphertext = result.WrappedKey,
            };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(material);
        }
    }

    private IKeyEncryptionKeyProvider ResolveProvider(WrappedKey wrapped) =>
        _providers.TryGetValue(wrapped.ProviderName, out var provider)
            ? provider
            : throw new KeyProviderException(
                wrapped.ProviderName,
                wrapped.KekId,
                $"Data key {wrapped.DataKeyId} was wrapped by KEK provider '{wrapped.ProviderName}', which is not configured (configured: {string.Join(", ", _providers.Keys)}).");
}
