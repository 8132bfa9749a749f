namespace Compliance.Crypto;

/// <summary>A key wrapped by a KEK provider: the versioned KEK id, the algorithm and the wrapped bytes.</summary>
public sealed record KekWrapResult(string KeyId, string Algorithm, ReadOnlyMemory<byte> WrappedKey);
