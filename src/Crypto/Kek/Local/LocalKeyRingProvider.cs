using System.Globalization;
using System.Security.Cryptography;

namespace Compliance.Crypto;

/// <summary>
/// A KEK provider backed by a local ring of versioned AES-256 keys: for development, single-node
/// installs and tests. Production deployments should prefer <see cref="AzureKeyVaultKeyProvider"/>.
/// </summary>
/// <remarks>
/// <para>Key ids are <c>local:{ring}:v{n}</c>. Wrapping is <see cref="AesGcmKeyWrap"/> (AES-256-GCM
/// with the key id bound as AAD, so a wrapped key cannot be passed off as another version's).</para>
/// <para>Rotation appends a version to the file (old versions stay, for unwrap). A key file rotated
/// by another process is picked up when an unknown version is asked for.</para>
/// </remarks>
public sealed class LocalKeyRingProvider : IKeyEncryptionKeyProvider, IDisposable
{
    public const string ProviderName = "local";
    public const string WrapAlgorithm = AesGcmKeyWrap.Algorithm;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly LocalKeyRingOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly string _idPrefix;
    private List<LocalKek>? _keys;

    public LocalKeyRingProvider(LocalKeyRingOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.Name);
        if (!options.Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException("The key ring name may hold only ASCII letters, digits, '-' and '_'.", nameof(options));
        }

        if (options.Keys is null && string.IsNullOrEmpty(options.KeyFilePath))
        {
            throw new ArgumentException("Configure the local key ring with a key file path or with base64 keys.", nameof(options));
        }

        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _idPrefix = $"local:{options.Name}:v";
        if (options.Keys is not null)
        {
            _keys = FromConfiguration(options.Keys);
        }
    }

    public string Name => ProviderName;

    public async Task<string> GetCurrentKeyIdAsync(CancellationToken cancellationToken = default)
    {
        var keys = await GetKeysAsync(cancellationToken);
        return KeyIdOf(keys[^1]);
    }

    public async Task<KekWrapResult> WrapAsync(ReadOnlyMemory<byte> plaintextKey, CancellationToken cancellationToken = default)
    {
        var keys = await GetKeysAsync(cancellationToken);
        var kek = keys[^1];
        var keyId = KeyIdOf(kek);
        var wrapped = AesGcmKeyWrap.Wrap(kek.Key, keyId, plaintextKey.Span);
        return new KekWrapResult(keyId, WrapAlgorithm, wrapped);
    }

    public async Task<byte[]> UnwrapAsync(string keyId, string algorithm, ReadOnlyMemory<byte> wrappedKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        if (algorithm != WrapAlgorithm)
        {
            throw new KeyProviderException(Name, keyId, $"The local key ring unwraps only {WrapAlgorithm}, not '{algorithm}'.");
        }

        var version = ParseVersion(keyId);
        var kek = await FindAsync(version, cancellationToken)
            ?? throw new KeyProviderException(Name, keyId, $"Key {keyId} is not in the local key ring '{_options.Name}'.");
        return AesGcmKeyWrap.Unwrap(kek.Key, keyId, wrappedKey.Span, Name);
    }

    public async Task<string> RotateAsync(CancellationToken cancellationToken = default)
    {
        if (_options.Keys is not null)
        {
            throw new KeyProviderException(Name, null, "The local key ring's keys come from configuration; rotate by appending a new base64 key to the configured list.");
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            var path = _options.KeyFilePath!;
            var keys = LoadOrCreateLocked(path);
            var next = LocalKek.Generate(keys[^1].Version + 1, _timeProvider.GetUtcNow());
            List<LocalKek> rotated = [.. keys, next];
            LocalKeyRingFile.Replace(path, _options.Name, rotated);
            Swap(rotated);
            return KeyIdOf(next);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<KekVersion>> ListVersionsAsync(CancellationToken cancellationToken = default)
    {
        var keys = await GetKeysAsync(cancellationToken);
        return [.. keys.Select(k => new KekVersion(KeyIdOf(k), VersionText(k.Version), k.CreatedOn, Enabled: true))];
    }

    public void Dispose()
    {
        var keys = Interlocked.Exchange(ref _keys, null);
        keys?.ForEach(k => k.Dispose());
        _gate.Dispose();
    }

    public override string ToString() => $"LocalKeyRingProvider '{_options.Name}'";

    private static List<LocalKek> FromConfiguration(IReadOnlyList<string> base64Keys)
    {
        if (base64Keys.Count == 0)
        {
            throw new ArgumentException("The configured local key ring holds no keys.", nameof(base64Keys));
        }

        var keys = new List<LocalKek>(base64Keys.Count);
        for (var i = 0; i < base64Keys.Count; i++)
        {
            var material = Convert.FromBase64String(base64Keys[i]);
            try
            {
                keys.Add(new LocalKek(i + 1, createdOn: null, material));
            }
            finally
            {
                CryptographicOperations.ZeroMemory(material);
            }
        }

        return keys;
    }

    private static string VersionText(int version) => "v" + version.ToString(CultureInfo.InvariantCulture);

    private string KeyIdOf(LocalKek kek) => _idPrefix + kek.Version.ToString(CultureInfo.InvariantCulture);

    private int ParseVersion(string keyId)
    {
        if (keyId.StartsWith(_idPrefix, StringComparison.Ordinal)
            && int.TryParse(keyId.AsSpan(_idPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return version;
        }

        throw new KeyProviderException(Name, keyId, $"'{keyId}' is not a key id of the local key ring '{_options.Name}' (expected {_idPrefix}N).");
    }

    private async Task<LocalKek?> FindAsync(int version, CancellationToken cancellationToken)
    {
        var found = (await GetKeysAsync(cancellationToken)).Find(k => k.Version == version);
        if (found is not null || _options.Keys is not null)
        {
            return found;
        }

        // Another process may have rotated the file since we read it.
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var reloaded = Merge(_keys ?? [], LocalKeyRingFile.Read(_options.KeyFilePath!, _options.Name));
            Swap(reloaded);
            return reloaded.Find(k => k.Version == version);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async ValueTask<List<LocalKek>> GetKeysAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _keys) is { } loaded)
        {
            return loaded;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            return LoadOrCreateLocked(_options.KeyFilePath!);
        }
        finally
        {
            _gate.Release();
        }
    }

    private List<LocalKek> LoadOrCreateLocked(string path)
    {
        if (_keys is { } loaded)
        {
            return loaded;
        }

        if (!File.Exists(path))
        {
            List<LocalKek> created = [LocalKek.Generate(1, _timeProvider.GetUtcNow())];
            if (LocalKeyRingFile.TryCreate(path, _options.Name, created))
            {
                _keys = created;
                return created;
            }

            created.ForEach(k => k.Dispose());
        }

        var read = LocalKeyRingFile.Read(path, _options.Name);
        _keys = read;
        return read;
    }

    /// <summary>
    /// Keeps the objects already loaded for known versions (versions are immutable) and zeroes the
    /// duplicates just read, so a reload leaves no second copy of a key unzeroed.
    /// </summary>
    private static List<LocalKek> Merge(List<LocalKek> loaded, List<LocalKek> reloaded)
    {
        var merged = new List<LocalKek>(reloaded.Count);
        foreach (var key in reloaded)
        {
            var existing = loaded.Find(k => k.Version == key.Version);
            if (existing is null)
            {
                merged.Add(key);
            }
            else
            {
                key.Dispose();
                merged.Add(existing);
            }
        }

        return merged;
    }

    /// <summary>
    /// Publishes a new key list. The old list's keys are not zeroed here, because a concurrent wrap
    /// may still be using them; they are the same keys as in the new list (rotation only appends)
    /// and are zeroed on <see cref="Dispose"/>.
    /// </summary>
    private void Swap(List<LocalKek> keys) => Volatile.Write(ref _keys, keys);
}
