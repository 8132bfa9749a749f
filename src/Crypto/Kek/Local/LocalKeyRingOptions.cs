namespace Compliance.Crypto;

/// <summary>
/// Where the local key ring's KEKs come from: a key file the service generates on first use
/// (mode 0600), or base64 keys given by configuration or environment. Never commit either.
/// </summary>
public sealed record LocalKeyRingOptions
{
    /// <summary>Ring name, part of every key id ("local:{Name}:v{n}"). Letters, digits, '-' and '_'.</summary>
    public string Name { get; init; } = "compliance";

    /// <summary>
    /// Path of the key file. Created with mode 0600 (owner read/write) if missing; refused when
    /// group or others have any access. Ignored when <see cref="Keys"/> is set.
    /// </summary>
    public string? KeyFilePath { get; init; }

    /// <summary>
    /// KEKs from configuration or environment, oldest first, each the base64 of 32 random bytes
    /// (e.g. <c>openssl rand -base64 32</c>); entry i is version i+1 and the last one is current.
    /// Such a ring cannot rotate itself: rotate by appending a key to the configuration.
    /// </summary>
    public IReadOnlyList<string>? Keys { get; init; }
}
