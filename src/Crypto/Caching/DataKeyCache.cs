using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Compliance.Crypto;

/// <summary>
/// A bounded in-memory cache of unwrapped data keys with a time-to-live, a maximum number of
/// encryptions per entry, least-recently-used eviction and single-flight loading: concurrent
/// misses for one key share a single unwrap (a provider round trip).
/// </summary>
/// <remarks>
/// Keys leave the cache by expiry, exhaustion, size eviction, <see cref="Remove"/> (crypto-shred),
/// <see cref="Clear"/> or <see cref="Dispose"/>; each time the cache releases its reference and the
/// key bytes are zeroed as soon as no <see cref="DataKeyLease"/> still holds it. A failed load is not
/// cached; every caller waiting on it sees the failure.
/// </remarks>
public sealed partial class DataKeyCache : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<DataKeyId, LinkedListNode<Entry>> _entries = [];
    private readonly LinkedList<Entry> _recency = new(); // most recently used first
    private readonly Dictionary<DataKeyId, Task<Entry>> _loading = [];
    private readonly HashSet<DataKeyId> _removedWhileLoading = [];
    private readonly DataKeyCacheOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ITimer _sweeper;
    private bool _disposed;

    public DataKeyCache(DataKeyCacheOptions? options = null, TimeProvider? timeProvider = null)
    {
        _options = options ?? new DataKeyCacheOptions();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_options.TimeToLive, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.MaxEncryptionsPerEntry);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.MaxEntries);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_options.SweepInterval, TimeSpan.Zero);
        _timeProvider = timeProvider ?? TimeProvider.System;
        _sweeper = _timeProvider.CreateTimer(static state => ((DataKeyCache)state!).RemoveExpired(), this, _options.SweepInterval, _options.SweepInterval);
    }

    /// <summary>Keys currently cached.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>
    /// Leases the cached key <paramref name="id"/>, or runs <paramref name="loader"/> once for all
    /// concurrent callers and caches what it returns (the cache takes ownership of that key).
    /// </summary>
    public async ValueTask<DataKeyLease> GetOrLoadAsync(DataKeyId id, Func<CancellationToken, Task<DataKey>> loader, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(loader);
        while (true)
        {
            Task<Entry> pending;
            TaskCompletionSource<Entry>? ours = null;
            lock (_lock)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                if (TryLeaseLocked(id, out var hit))
                {
                    DataKeyCacheMetrics.Hit();
                    return hit;
                }

                if (!_loading.TryGetValue(id, out pending!))
                {
                    ours = new TaskCompletionSource<Entry>(TaskCreationOptions.RunContinuationsAsynchronously);
                    pending = ours.Task;
                    _loading.Add(id, pending);
                }
            }

            if (ours is not null)
            {
                DataKeyCacheMetrics.Miss();
                await LoadAsync(id, loader, ours, cancellationToken);
            }

            Entry entry;
            try
            {
                entry = await pending.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (ours is null && !cancellationToken.IsCancellationRequested)
            {
                continue; // the caller that was loading gave up; load again for ourselves
            }

            if (entry.Key.TryAddReference())
            {
                return new DataKeyLease(entry.Key);
            }

            // Evicted between load and lease: go round again.
        }
    }

    /// <summary>Leases the key if it is cached and fresh; never loads.</summary>
    public bool TryGet(DataKeyId id, [NotNullWhen(true)] out DataKeyLease? lease)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return TryLeaseLocked(id, out lease);
        }
    }

    /// <summary>
    /// Drops (and zeroes, once unleased) one key: call on crypto-shred and after DEK rotation. A load
    /// of that key already in flight is discarded too: its callers get a <see cref="CryptographicException"/>
    /// rather than a key that was just shredded.
    /// </summary>
    public bool Remove(DataKeyId id)
    {
        lock (_lock)
        {
            var loading = _loading.ContainsKey(id) && _removedWhileLoading.Add(id);
            if (!_entries.TryGetValue(id, out var node))
            {
                return loading;
            }

            RemoveLocked(node);
            return true;
        }
    }

    /// <summary>Drops every key (e.g. after a KEK was found compromised).</summary>
    public void Clear()
    {
        lock (_lock)
        {
            while (_recency.First is { } node)
            {
                RemoveLocked(node);
            }
        }
    }

    /// <summary>Drops keys past their time-to-live. Runs on a timer; callable directly.</summary>
    public void RemoveExpired()
    {
        lock (_lock)
        {
            var now = _timeProvider.GetUtcNow();
            var node = _recency.First;
            while (node is not null)
            {
                var next = node.Next;
                if (node.Value.IsExpired(now))
                {
                    RemoveLocked(node);
                }

                node = next;
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        _sweeper.Dispose();
        Clear();
    }

    private async Task LoadAsync(DataKeyId id, Func<CancellationToken, Task<DataKey>> loader, TaskCompletionSource<Entry> completion, CancellationToken cancellationToken)
    {
        DataKey key;
        try
        {
            key = await loader(cancellationToken);
            if (key.Id != id)
            {
                key.Dispose();
                throw new InvalidOperationException($"The loader for data key {id} returned data key {key.Id}.");
            }
        }
        catch (OperationCanceledException ex)
        {
            lock (_lock)
            {
                _loading.Remove(id);
                _removedWhileLoading.Remove(id);
            }

            completion.TrySetCanceled(ex.CancellationToken);
            return;
        }
        catch (Exception ex)
        {
            lock (_lock)
            {
                _loading.Remove(id);
                _removedWhileLoading.Remove(id);
            }

            completion.TrySetException(ex);
            return;
        }

        Entry entry;
        lock (_lock)
        {
            _loading.Remove(id);
            entry = new Entry(key, _timeProvider.GetUtcNow() + _options.TimeToLive, key.EncryptionCount);
            if (_disposed)
            {
                key.Dispose();
                completion.TrySetException(new ObjectDisposedException(nameof(DataKeyCache)));
                return;
            }

            if (_removedWhileLoading.Remove(id))
            {
                key.Dispose();
                completion.TrySetException(new CryptographicException($"Data key {id} was removed from the cache (crypto-shredded or rotated) while it was being loaded."));
                return;
            }

            if (_entries.TryGetValue(id, out var stale))
            {
                RemoveLocked(stale);
            }

            _entries.Add(id, _recency.AddFirst(entry));
            while (_entries.Count > _options.MaxEntries && _recency.Last is { } oldest)
            {
                RemoveLocked(oldest);
            }
        }

        completion.TrySetResult(entry);
    }

    private bool TryLeaseLocked(DataKeyId id, [NotNullWhen(true)] out DataKeyLease? lease)
    {
        lease = null;
        if (!_entries.TryGetValue(id, out var node))
        {
            return false;
        }

        var entry = node.Value;
        if (entry.IsExpired(_timeProvider.GetUtcNow())
            || entry.Key.EncryptionCount - entry.EncryptionsAtLoad >= _options.MaxEncryptionsPerEntry
            || !entry.Key.TryAddReference())
        {
            RemoveLocked(node);
            return false;
        }

        _recency.Remove(node);
        _recency.AddFirst(node);
        lease = new DataKeyLease(entry.Key);
        return true;
    }

    private void RemoveLocked(LinkedListNode<Entry> node)
    {
        _recency.Remove(node);
        _entries.Remove(node.Value.Key.Id);
        node.Value.Key.Dispose();
    }
}
