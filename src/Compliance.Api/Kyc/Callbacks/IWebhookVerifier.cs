namespace Compliance.Api.Kyc.Callbacks;

/// <summary>
/// Checks one provider's callback signature over the exact bytes received, before anything is parsed.
/// Implementations compare in constant time and accept a match against any of the configured secrets.
/// </summary>
internal interface IWebhookVerifier
{
    /// <summary>The provider name, as in <see cref="KycProviders"/>.</summary>
    string Provider { get; }

    /// <param name="headers">The request headers (case-insensitive).</param>
    /// <param name="body">The raw body, exactly as received.</param>
    /// <param name="secrets">Current secret first, previous during rotation; never empty.</param>
    /// <param name="now">The time signed timestamps are compared with.</param>
    /// <param name="tolerance">How far a signed timestamp may be from <paramref name="now"/>.</param>
    WebhookVerification Verify(IHeaderDictionary headers, ReadOnlySpan<byte> body, IReadOnlyList<string> secrets, DateTimeOffset now, TimeSpan tolerance);
}
