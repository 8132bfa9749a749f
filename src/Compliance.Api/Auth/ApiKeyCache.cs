using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Compliance.Api.Auth;

/// <summary>
/// Verified keys for a few seconds, so the hot path (a check per payment) does not pay a database
/// round trip for authentication. Keyed by the hash, never the secret.
/// </summary>
internal sealed class ApiKeyCache(ApiKeyStore store, TimeProvider time, IOptions<AuthOptions> options, ComplianceMetrics metrics)
{
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public async ValueTask<ApiKey?> FindActiveAsync(string presentedKey, CancellationToken cancellationToken)
    {
        var cacheKey = Convert.ToBase64String(ApiKeySecret.Hash(presentedKey));
        var now = time.GetTimestamp();
        if (_entries.TryGetValue(cacheKey, out var entry) && time.GetElapsedTime(entry.Stamp, now).TotalSeconds < options.Value.KeyCacheSeconds)
        {
            metrics.CacheLookup("api_key", hit: true);
            return entry.Key;
        }

        metrics.CacheLookup("api_key", hit: false);
        var key = await store.FindActiveAsync(presentedKey, cancellationToken);
        if (_entries.Count >= MaxEntries)
        {
            // Unknown keys are cached too (to blunt guessing floods); a full cache starts over.
            _entries.Clear();
        }

        _entries[cacheKey] = new Entry(key, now);
        return key;
    }

    /// <summary>Revocation takes effect at once on this instance.</summary>
    public void Evict(Guid keyId)
    {
        foreach (var (cacheKey, entry) in _entries)
        {
            if (entry.Key?.Id == keyId)
            {
                _entries.TryRemove(cacheKey, out _);
            }
        }
    }

    private sealed record Entry(ApiKey? Key, long Stamp);
}
