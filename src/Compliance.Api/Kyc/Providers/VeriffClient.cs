using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Compliance.Api.Kyc.Providers;

/// <summary>
/// Veriff sessions (spec §4). The create has no idempotency key, so the pipeline sends it once; a
/// repeated start creates a new session, which Veriff allows (one session per attempt).
/// </summary>
internal sealed class VeriffClient(HttpClient http, IOptions<KycOptions> options, ILogger<VeriffClient> logger) : IKycProviderClient
{
    public string Provider => KycProviders.Veriff;

    public async Task<ProviderSession> StartAsync(StartVerification request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var message = Request(HttpMethod.Post, "v1/sessions");
        message.Content = KycHttp.JsonContent(new { verification = new { vendorData = request.CustomerId } });
        var json = (await SendAsync(message, cancellationToken)).Json();
        return new ProviderSession(
            KycJson.Required(json, Provider, "verification", "id"),
            null,
            KycJson.Optional(json, "verification", "url"),
            KycJson.Optional(json, "verification", "sessionToken"),
            KycJson.Optional(json, "verification", "status") ?? "created");
    }

    public async Task<ProviderState> FetchAsync(string providerRef, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(providerRef);
        var secret = KycConfigured.Require(Provider, options.Value.For(Provider)?.SharedSecret, "SharedSecret");
        using var message = Request(HttpMethod.Get, $"v1/sessions/{Uri.EscapeDataString(providerRef)}/decision");
        // GET requests sign the session id, not a body (spec §4).
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(providerRef)));
        message.Headers.TryAddWithoutValidation("X-HMAC-SIGNATURE", signature);
        var json = (await SendAsync(message, cancellationToken)).Json();
        return VeriffStatus.ToState(json);
    }

    private HttpRequestMessage Request(HttpMethod method, string relativeUri)
    {
        var apiKey = KycConfigured.Require(Provider, options.Value.For(Provider)?.ApiKey, "ApiKey");
        var message = new HttpRequestMessage(method, relativeUri);
        message.Headers.TryAddWithoutValidation("X-AUTH-CLIENT", apiKey);
        return message;
    }

    private Task<KycResponse> SendAsync(HttpRequestMessage message, CancellationToken cancellationToken) =>
        KycHttp.SendAsync(http, Provider, message, logger, cancellationToken);
}
