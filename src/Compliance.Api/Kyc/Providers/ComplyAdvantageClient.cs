using Microsoft.Extensions.Options;

namespace Compliance.Api.Kyc.Providers;

/// <summary>
/// ComplyAdvantage legacy REST searches (spec §6): sanctions / PEP screening, a dimension separate from
/// identity, so fetched states carry <see cref="ProviderState.Screening"/> and no KYC status. The create
/// has no idempotency key: the pipeline sends it once.
/// </summary>
internal sealed class ComplyAdvantageClient(HttpClient http, IOptions<KycOptions> options, ILogger<ComplyAdvantageClient> logger) : IKycProviderClient
{
    /// <summary>The commonly used fuzziness (spec §6); the search profile in the account can refine it.</summary>
    private const double Fuzziness = 0.6;

    /// <summary>Sanctions, warnings and every PEP class (spec §6 filter types).</summary>
    private static readonly string[] Types = ["sanction", "warning", "pep"];

    public string Provider => KycProviders.ComplyAdvantage;

    public async Task<ProviderSession> StartAsync(StartVerification request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var subject = request.Subject ?? throw new KycProviderException(Provider, KycProviderFailure.Refused, "A screening needs the person's name.");
        using var message = Request(HttpMethod.Post, "searches");
        message.Content = KycHttp.JsonContent(new
        {
            search_term = subject.FullName,
            client_ref = request.CustomerId,
            fuzziness = Fuzziness,
            filters = new
            {
                types = Types,
                entity_type = "person",
                birth_year = subject.BirthYear,
                country_codes = subject.Country is { } country ? new[] { country } : null,
            },
        });
        var json = (await SendAsync(message, cancellationToken)).Json();
        return new ProviderSession(
            KycJson.Required(json, Provider, "content", "data", "id"),
            null,
            KycJson.Optional(json, "content", "data", "share_url"),
            null,
            KycJson.Optional(json, "content", "data", "match_status") ?? "unknown");
    }

    public async Task<ProviderState> FetchAsync(string providerRef, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(providerRef);
        using var message = Request(HttpMethod.Get, $"searches/{Uri.EscapeDataString(providerRef)}");
        var json = (await SendAsync(message, cancellationToken)).Json();
        return ComplyAdvantageStatus.ToState(json);
    }

    private HttpRequestMessage Request(HttpMethod method, string relativeUri)
    {
        // The header, not the api_key query parameter, which would end up in access logs (spec §6).
        var apiKey = KycConfigured.Require(Provider, options.Value.For(Provider)?.ApiKey, "ApiKey");
        var message = new HttpRequestMessage(method, relativeUri);
        message.Headers.TryAddWithoutValidation("Authorization", $"Token {apiKey}");
        return message;
    }

    private Task<KycResponse> SendAsync(HttpRequestMessage message, CancellationToken cancellationToken) =>
        KycHttp.SendAsync(http, Provider, message, logger, cancellationToken);
}
