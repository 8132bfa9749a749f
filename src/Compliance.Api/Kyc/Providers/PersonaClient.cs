using Microsoft.Extensions.Options;

namespace Compliance.Api.Kyc.Providers;

/// <summary>Persona inquiries (spec §5): JSON:API, Bearer API key, Idempotency-Key on create.</summary>
internal sealed class PersonaClient(HttpClient http, IOptions<KycOptions> options, ILogger<PersonaClient> logger) : IKycProviderClient
{
    public string Provider => KycProviders.Persona;

    public async Task<ProviderSession> StartAsync(StartVerification request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var templateId = KycConfigured.Require(Provider, KycConfigured.Provider(options.Value, Provider).TemplateId, "TemplateId");
        using var message = Request(HttpMethod.Post, "api/v1/inquiries");
        message.Content = KycHttp.JsonContent(new Dictionary<string, object>
        {
            ["data"] = new Dictionary<string, object>
            {
                ["attributes"] = new Dictionary<string, string>
                {
                    ["inquiry-template-id"] = templateId,
                    ["reference-id"] = request.CustomerId,
                },
            },
            ["meta"] = new Dictionary<string, string> { ["auto-create-account-reference-id"] = request.CustomerId },
        });
        message.Headers.TryAddWithoutValidation(KycRetrySafety.IdempotencyKeyHeader, KycIdempotencyKeys.ForStart(request.VerificationId));
        var json = (await SendAsync(message, cancellationToken)).Json();
        return new ProviderSession(
            KycJson.Required(json, Provider, "data", "id"),
            null,
            null,
            KycJson.Optional(json, "meta", "session-token"),
            KycJson.Optional(json, "data", "attributes", "status") ?? "created");
    }

    public async Task<ProviderState> FetchAsync(string providerRef, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(providerRef);
        using var message = Request(HttpMethod.Get, $"api/v1/inquiries/{Uri.EscapeDataString(providerRef)}");
        var json = (await SendAsync(message, cancellationToken)).Json();
        return PersonaStatus.ToState(json);
    }

    private HttpRequestMessage Request(HttpMethod method, string relativeUri)
    {
        var apiKey = KycConfigured.Require(Provider, options.Value.For(Provider)?.ApiKey, "ApiKey");
        var message = new HttpRequestMessage(method, relativeUri);
        message.Headers.TryAddWithoutValidation("Authorization", $"Bearer {apiKey}");
        return message;
    }

    private Task<KycResponse> SendAsync(HttpRequestMessage message, CancellationToken cancellationToken) =>
        KycHttp.SendAsync(http, Provider, message, logger, cancellationToken);
}
