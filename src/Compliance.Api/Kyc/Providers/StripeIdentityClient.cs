using System.Globalization;
using Microsoft.Extensions.Options;

namespace Compliance.Api.Kyc.Providers;

/// <summary>Stripe Identity verification sessions (spec §3): form-encoded, Bearer secret key, Idempotency-Key on create.</summary>
internal sealed class StripeIdentityClient(HttpClient http, IOptions<KycOptions> options, ILogger<StripeIdentityClient> logger) : IKycProviderClient
{
    private const string SessionsPath = "v1/identity/verification_sessions";

    public string Provider => KycProviders.Stripe;

    public async Task<ProviderSession> StartAsync(StartVerification request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var type = request.Level is "id_number" ? "id_number" : "document";
        using var message = Request(HttpMethod.Post, SessionsPath);
        message.Content = KycHttp.FormContent(
        [
            new("type", type),
            new("client_reference_id", request.CustomerId),
            new("metadata[verification_id]", request.VerificationId.ToString("D", CultureInfo.InvariantCulture)),
        ]);
        message.Headers.TryAddWithoutValidation(KycRetrySafety.IdempotencyKeyHeader, KycIdempotencyKeys.ForStart(request.VerificationId));
        var json = (await SendAsync(message, cancellationToken)).Json();
        return new ProviderSession(
            KycJson.Required(json, Provider, "id"),
            null,
            KycJson.Optional(json, "url"),
            KycJson.Optional(json, "client_secret"),
            KycJson.Optional(json, "status") ?? "requires_input");
    }

    public async Task<ProviderState> FetchAsync(string providerRef, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(providerRef);
        using var message = Request(HttpMethod.Get, $"{SessionsPath}/{Uri.EscapeDataString(providerRef)}");
        var json = (await SendAsync(message, cancellationToken)).Json();
        return StripeIdentityStatus.ToState(json);
    }

    private HttpRequestMessage Request(HttpMethod method, string relativeUri)
    {
        var key = KycConfigured.Require(Provider, options.Value.For(Provider)?.SecretKey, "SecretKey");
        var message = new HttpRequestMessage(method, relativeUri);
        message.Headers.TryAddWithoutValidation("Authorization", $"Bearer {key}");
        return message;
    }

    private Task<KycResponse> SendAsync(HttpRequestMessage message, CancellationToken cancellationToken) =>
        KycHttp.SendAsync(http, Provider, message, logger, cancellationToken);
}
