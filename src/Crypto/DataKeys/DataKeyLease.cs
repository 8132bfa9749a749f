namespace Compliance.Crypto;

/// <summary>
/// A counted reference to a <see cref="DataKey"/> handed out by the cache or the data key service.
/// Dispose it when the operation is done; the key stays alive until every lease is disposed.
/// </summary>
public sealed class DataKeyLease : IDisposable
{
    private DataKey? _key;

    internal DataKeyLease(DataKey key) => _key = key;

    /// <summary>The leased key. Throws once the lease is disposed.</summary>
    public DataKey Key => _key ?? throw new ObjectDisposedException(nameof(DataKeyLease));

    public void Dispose() => Interlocked.Exchange(ref _key, null)?.Release();

    public override string ToString() => _key is null ? "DataKeyLease (disposed)" : $"DataKeyLease {_key.Id}";
}
