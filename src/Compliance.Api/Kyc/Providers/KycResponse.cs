using System.Text.Json;

namespace Compliance.Api.Kyc.Providers;

/// <summary>A provider's answer that was not a transient failure: a 2xx, or a 4xx the caller may handle (409, 404).</summary>
internal sealed record KycResponse(string Provider, int StatusCode, byte[] Body)
{
    public bool IsSuccess => StatusCode is >= 200 and < 300;

    /// <summary>The body as JSON, after refusing anything but a 2xx.</summary>
    public JsonElement Json()
    {
        if (!IsSuccess)
        {
            throw new KycProviderException(Provider, KycProviderFailure.Refused, $"{Provider} refused the request with HTTP {StatusCode}");
        }

        try
        {
            using var document = JsonDocument.Parse(Body);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new KycProviderException(Provider, KycProviderFailure.BadResponse, $"{Provider} answered with a body that is not JSON", e);
        }
    }
}
