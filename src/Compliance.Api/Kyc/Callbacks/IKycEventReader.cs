using System.Text.Json;

namespace Compliance.Api.Kyc.Callbacks;

/// <summary>
/// Turns one provider's verified callback body into a <see cref="KycCallbackEvent"/>, mapping the
/// provider's status to the normalized model (spec §7 tables). Pure: no I/O.
/// </summary>
internal interface IKycEventReader
{
    string Provider { get; }

    /// <summary>Reads an event; a body that is JSON but not an event of this provider is a <see cref="KycEventFormatException"/>.</summary>
    /// <param name="root">The parsed body.</param>
    /// <param name="headers">Headers, for providers whose event id travels in one (Standard Webhooks' <c>webhook-id</c>).</param>
    /// <param name="rawBody">The raw bytes, for providers without an event id (the id is then a hash of the body).</param>
    KycCallbackEvent Read(JsonElement root, IHeaderDictionary headers, ReadOnlySpan<byte> rawBody);
}
