namespace Compliance.Crypto;

public sealed partial class DataKeyCache
{
    /// <summary>A cached key; the cache owns the key's creator reference.</summary>
    private sealed record Entry(DataKey Key, DateTimeOffset ExpiresAt, long EncryptionsAtLoad)
    {
        public bool IsExpired(DateTimeOffset now) => now >= ExpiresAt;
    }
}
