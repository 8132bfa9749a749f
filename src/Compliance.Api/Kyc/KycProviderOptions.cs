namespace Compliance.Api.Kyc;

/// <summary>
/// <c>Kyc:Providers:&lt;name&gt;</c>. Credentials come from configuration (environment or a secret
/// store), never from the repository; each provider uses the ones its API asks for.
/// </summary>
internal sealed class KycProviderOptions
{
    /// <summary>The provider's API root, e.g. <c>https://api.sumsub.com</c> or <c>https://api.eu.onfido.com/v3.6</c>.</summary>
    public string? BaseUrl { get; init; }

    /// <summary>Onfido: the API token (<c>Authorization: Token token=…</c>).</summary>
    public string? ApiToken { get; init; }

    /// <summary>Sumsub: the app token (<c>X-App-Token</c>).</summary>
    public string? AppToken { get; init; }

    /// <summary>Sumsub: the key request signatures are made with. Stripe: the secret API key (<c>sk_…</c>).</summary>
    public string? SecretKey { get; init; }

    /// <summary>Veriff (<c>X-AUTH-CLIENT</c>), Persona, ComplyAdvantage, NameScan (<c>api-key</c>) and Companies House (basic auth user name): the API key.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Veriff: the integration's shared secret, used to sign API requests.</summary>
    public string? SharedSecret { get; init; }

    /// <summary>Onfido: the Studio workflow id. Persona: the inquiry template id.</summary>
    public string? TemplateId { get; init; }

    /// <summary>Callback signing secrets: the current one first, the previous one during rotation.</summary>
    public List<string> WebhookSecrets { get; init; } = [];

    public KycResilienceOptions Resilience { get; init; } = new();

    /// <summary>Companies House: its published limit, kept on our side.</summary>
    public ProviderRateLimitOptions RateLimit { get; init; } = new();
}
