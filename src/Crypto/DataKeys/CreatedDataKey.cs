namespace Compliance.Crypto;

/// <summary>
/// A new data key: the plaintext <see cref="Key"/> to encrypt with now, and the <see cref="Wrapped"/>
/// form to persist. Disposing this disposes the key.
/// </summary>
public sealed class CreatedDataKey : IDisposable
{
    internal CreatedDataKey(DataKey key, WrappedKey wrapped)
    {
        Key = key;
        Wrapped = wrapped;
    }

    public DataKey Key { get; }

    public WrappedKey Wrapped { get; }

    public void Dispose() => Key.Dispose();

    public override string ToString() => $"CreatedDataKey {Wrapped.DataKeyId}";
}
