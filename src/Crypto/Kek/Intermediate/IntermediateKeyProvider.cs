using System.Globalization;
using System.Security.Cryptography;

namespace Compliance.Crypto;

/// <summary>
/// The optional middle tier: a per-tenant AES-256 key ("KWK") wrapped by the real KEK provider and
/// kept unwrapped in memory, which wraps the tenant's data keys locally (<see cref="AesGcmKeyWrap"/>).
/// With Key Vault as the KEK, a DEK cache miss then costs microseconds instead of a throttled
/// network round trip, and a KEK rotation rewraps a handful of KWK rows instead of every DEK.
/// </summary>
/// <remarks>
/// Key ids are <c>kwk:{scope}:v{n}</c>. <see cref="RotateAsync"/> adds a KWK version (new DEKs use
/// it; rewrap moves old DEKs); <see cref="RewrapIntermediateKeysAsync"/> moves the KWKs themselves to
/// the KEK's current version. Unwrapped KWKs stay in pinned memory until <see cref="Dispose"/>.
/// </remarks>
public sealed class IntermediateKeyProvider : IKeyEncryptionKeyProvider, IDisposable
{
    public const string ProviderName = "intermediate";

    private readonly IKeyEncryptionKeyProvider _kek;
    private readonly IIntermediateKeyStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly string _scope;
    private readonly string _idPrefix;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<int, LocalKek> _unwrapped = [];
    private int _current;
    private bool _disposed;

    public IntermediateKeyProvider(IKeyEncryptionKeyProvider kek, IIntermediateKeyStore store, string scope, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(kek);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrEmpty(scope);
        if (!scope.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException("The scope may hold only ASCII letters, digits, '-' and '_'.", nameof(scope));
        }

        _kek = kek;
        _store = store;
        _scope = scope;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _idPrefix = $"kwk:{scope}:v";
    }

    public string Name => ProviderName;

    public async Task<string> GetCurrentKeyIdAsync(CancellationToken cancellationToken = default) =>
        KeyId((await CurrentAsync(cancellationToken)).Version);

    public async Task<KekWrapResult> WrapAsync(ReadOnlyMemory<byte> plaintextKey, CancellationToken cancellationToken = default)
    {
        var kwk = await CurrentAsync(cancellationToken);
        var keyId = KeyId(kwk.Version);
        return new KekWrapResult(keyId, AesGcmKeyWrap.Algorithm, AesGcmKeyWrap.Wrap(kwk.Key, keyId, plaintextKey.Span));
    }

    public async Task<byte[]> UnwrapAsync(string keyId, string algorithm, ReadOnlyMemory<byte> wrappedKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        if (algorithm != AesGcmKeyWrap.Algorithm)
        {
            throw new KeyProviderException(Name, keyId, $"Intermediate keys unwrap only {AesGcmKeyWrap.Algorithm}, not '{algorithm}'.");
        }

        if (!keyId.StartsWith(_idPrefix, StringComparison.Ordinal)
            || !int.TryParse(keyId.AsSpan(_idPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            throw new KeyProviderException(Name, keyId, $"'{keyId}' is not an intermediate key id of scope '{_scope}' (expected {_idPrefix}N).");
        }

        var kwk = await GetAsync(version, cancellationToken)
            ?? throw new KeyProviderException(Name, keyId, $"Intermediate key {keyId} does not exist.");
        return AesGcmKeyWrap.Unwrap(kwk.Key, keyId, wrappedKey.Span, Name);
    }

    public async Task<string> RotateAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var stored = await _store.ListAsync(_scope, cancellationToken);
            var next = stored.Count == 0 ? 1 : stored.Max(k => k.Version) + 1;
            return KeyId((await CreateLockedAsync(next, cancellationToken)).Version);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<KekVersion>> ListVersionsAsync(CancellationToken cancellationToken = default)
    {
        await CurrentAsync(cancellationToken);
        var stored = await _store.ListAsync(_scope, cancellationToken);
        return [.. stored.OrderBy(k => k.Version).Select(k => new KekVersion(KeyId(k.Version), "v" + k.Version.ToString(CultureInfo.InvariantCulture), k.CreatedOn, Enabled: true))];
    }

    /// <summary>
    /// After a KEK rotation: re-wraps every intermediate key of this scope that is not under the
    /// KEK's current version (a few rows). Returns how many were rewrapped.
    /// </summary>
    public async Task<int> RewrapIntermediateKeysAsync(CancellationToken cancellationToken = default)
    {
        var current = await _kek.GetCurrentKeyIdAsync(cancellationToken);
        var rewrapped = 0;
        foreach (var stored in await _store.ListAsync(_scope, cancellationToken))
        {
            if (stored.KekProviderName == _kek.Name && stored.KekId == current)
            {
                continue;
            }

            var material = await _kek.UnwrapAsync(stored.KekId, stored.Algorithm, stored.WrappedKey, cancellationToken);
            try
            {
                var result = await _kek.WrapAsync(material, cancellationToken);
                await _store.UpdateAsync(stored with { KekProviderName = _kek.Name, KekId = result.KeyId, Algorithm = result.Algorithm, WrappedKey = result.WrappedKey }, cancellationToken);
                rewrapped++;
            }
            finally
            {
                CryptographicOperations.ZeroMemory(material);
            }
        }

        return rewrapped;
    }

    public void Dispose()
    {
        _gate.Wait();
        try
        {
            _disposed = true;
            foreach (var key in _unwrapped.Values)
            {
                key.Dispose();
            }

            _unwrapped.Clear();
        }
        finally
        {
            _gate.Release();
        }
    }

    public override string ToString() => $"IntermediateKeyProvider '{_scope}' under {_kek.Name}";

    private string KeyId(int version) => _idPrefix + version.ToString(CultureInfo.InvariantCulture);

    private async Task<LocalKek> CurrentAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_current != 0 && _unwrapped.TryGetValue(_current, out var cached))
            {
                return cached;
            }

            var stored = await _store.ListAsync(_scope, cancellationToken);
            if (stored.Count == 0)
            {
                return await CreateLockedAsync(1, cancellationToken);
            }

            var newest = stored.MaxBy(k => k.Version)!;
            _current = newest.Version;
            return await UnwrapLockedAsync(newest, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<LocalKek?> GetAsync(int version, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_unwrapped.TryGetValue(version, out var cached))
            {
                return cached;
            }

            var stored = (await _store.ListAsync(_scope, cancellationToken)).FirstOrDefault(k => k.Version == version);
            return stored is null ? null : await UnwrapLockedAsync(stored, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<LocalKek> CreateLockedAsync(int version, CancellationToken cancellationToken)
    {
        var kwk = LocalKek.Generate(version, _timeProvider.GetUtcNow());
        var material = kwk.Key.ToArray();
        try
        {
            var wrapped = await _kek.WrapAsync(material, cancellationToken);
            var stored = new StoredIntermediateKey(_scope, version, _kek.Name, wrapped.KeyId, wrapped.Algorithm, wrapped.WrappedKey, kwk.CreatedOn!.Value);
            if (!await _store.TryAddAsync(stored, cancellationToken))
            {
                // Another node created this version first: use theirs.
                kwk.Dispose();
                var theirs = (await _store.ListAsync(_scope, cancellationToken)).First(k => k.Version == version);
                _current = Math.Max(_current, version);
                return await UnwrapLockedAsync(theirs, cancellationToken);
            }
        }
        catch
        {
            kwk.Dispose();
            throw;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(material);
        }

        _unwrapped[version] = kwk;
        _current = Math.Max(_current, version);
        return kwk;
    }

    private async Task<LocalKek> UnwrapLockedAsync(StoredIntermediateKey stored, CancellationToken cancellationToken)
    {
        if (_unwrapped.TryGetValue(stored.Version, out var cached))
        {
            return cached;
        }

        if (stored.KekProviderName != _kek.Name)
        {
            throw new KeyProviderException(Name, KeyId(stored.Version), $"Intermediate key {KeyId(stored.Version)} is wrapped by '{stored.KekProviderName}', but the configured KEK provider is '{_kek.Name}'.");
        }

        var material = await _kek.UnwrapAsync(stored.KekId, stored.Algorithm, stored.WrappedKey, cancellationToken);
        try
        {
            var kwk = new LocalKek(stored.Version, stored.CreatedOn, material);
            _unwrapped[stored.Version] = kwk;
            return kwk;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(material);
        }
    }
}
