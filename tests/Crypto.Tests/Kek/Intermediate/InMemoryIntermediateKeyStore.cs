namespace Compliance.Crypto.Tests.Kek.Intermediate;

/// <summary>What the PostgreSQL store will do, with (scope, version) unique.</summary>
internal sealed class InMemoryIntermediateKeyStore : IIntermediateKeyStore
{
    private readonly List<StoredIntermediateKey> _rows = [];

    public IReadOnlyList<StoredIntermediateKey> Rows
    {
        get
        {
            lock (_rows)
            {
                return [.. _rows];
            }
        }
    }

    public Task<IReadOnlyList<StoredIntermediateKey>> ListAsync(string scope, CancellationToken cancellationToken = default)
    {
        lock (_rows)
        {
            return Task.FromResult<IReadOnlyList<StoredIntermediateKey>>([.. _rows.Where(r => r.Scope == scope).OrderBy(r => r.Version)]);
        }
    }

    public Task<bool> TryAddAsync(StoredIntermediateKey key, CancellationToken cancellationToken = default)
    {
        lock (_rows)
        {
            if (_rows.Exists(r => r.Scope == key.Scope && r.Version == key.Version))
            {
                return Task.FromResult(false);
            }

            _rows.Add(key);
            return Task.FromResult(true);
        }
    }

    public Task UpdateAsync(StoredIntermediateKey key, CancellationToken cancellationToken = default)
    {
        lock (_rows)
        {
            var index = _rows.FindIndex(r => r.Scope == key.Scope && r.Version == key.Version);
            _rows[index] = key;
            return Task.CompletedTask;
        }
    }
}
