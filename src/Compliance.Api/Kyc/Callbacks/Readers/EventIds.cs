using System.Security.Cryptography;

namespace Compliance.Api.Kyc.Callbacks.Readers;

/// <summary>Event ids for providers that send none (spec §9.5): the identifying fields joined, or a hash of the body.</summary>
internal static class EventIds
{
    /// <summary>Fields joined with <c>|</c>; an absent one is empty so the position of the others does not shift.</summary>
    public static string Compose(params string?[] parts) => string.Join('|', parts.Select(p => p ?? string.Empty));

    /// <summary>Lowercase hex SHA-256 of the raw body: equal for a byte-identical resend, the only identity left.</summary>
    public static string BodyHash(ReadOnlySpan<byte> rawBody) => Convert.ToHexStringLower(SHA256.HashData(rawBody));
}
