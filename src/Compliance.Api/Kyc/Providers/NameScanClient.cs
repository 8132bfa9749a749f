using System.Globalization;
using Microsoft.Extensions.Options;

namespace Compliance.Api.Kyc.Providers;

/// <summary>
/// NameScan's Emerald scans (docs/kyc.md, "NameScan"): a person or an organisation screened against
/// PEP and sanctions (SIP) lists, answered synchronously, so the start carries the result. The scan
/// has no idempotency key and each one is billed: it is sent once, never retried. The level names
/// the scan: <c>person</c> or <c>organisation</c>.
/// </summary>
internal sealed class NameScanClient(HttpClient http, IOptions<KycOptions> options, ILogger<NameScanClient> logger) : IKycProviderClient
{
    public const string Person = "person";
    public const string Organisation = "organisation";

    /// <summary>The levels a NameScan start accepts.</summary>
    public static readonly IReadOnlyList<string> Levels = [Person, Organisation];

    /// <summary>The lowest NameScan match rate (1 to 100) reported as a match; NameScan's own default is 50.</summary>
    private const int MatchRate = 75;

    public string Provider => KycProviders.NameScan;

    public async Task<ProviderSession> StartAsync(StartVerification request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var subject = request.Subject ?? throw new KycProviderException(Provider, KycProviderFailure.Refused, "A scan needs the name to screen.");
        if (!Levels.Contains(request.Level, StringComparer.Ordinal))
        {
            throw new KycProviderException(Provider, KycProviderFailure.Refused, $"A NameScan level is {string.Join(" or ", Levels)}.");
        }

        var scans = ScansOf(request.Level);
        using var message = Request(HttpMethod.Post, scans);
        message.Content = request.Level == Person
            ? KycHttp.JsonContent(new
            {
                name = subject.FullName,
                dob = subject.BirthYear?.ToString(CultureInfo.InvariantCulture),
                country = subject.Country,
                match_rate = MatchRate,
                client_id = request.CustomerId,
            })
            : KycHttp.JsonContent(new { name = subject.FullName, country = subject.Country, match_rate = MatchRate, client_id = request.CustomerId });
        var json = (await SendAsync(message, cancellationToken)).Json();
        var state = NameScanStatus.ToState(json, Provider);
        return new ProviderSession($"{request.Level}:{KycJson.Required(json, Provider, "scan_id")}", null, null, null, state.RawStatus) { Result = state };
    }

    public async Task<ProviderState> FetchAsync(string providerRef, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(providerRef);
        KycConfigured.Require(Provider, http.BaseAddress?.ToString(), "BaseUrl");
        var separator = providerRef.IndexOf(':', StringComparison.Ordinal);
        var level = separator > 0 ? providerRef[..separator] : "";
        if (!Levels.Contains(level, StringComparer.Ordinal))
        {
            throw new KycProviderException(Provider, KycProviderFailure.Refused, "Not a NameScan scan reference.");
        }

        using var message = Request(HttpMethod.Get, $"{ScansOf(level)}/{Uri.EscapeDataString(providerRef[(separator + 1)..])}");
        return NameScanStatus.ToState((await SendAsync(message, cancellationToken)).Json(), Provider);
    }

    private static string ScansOf(string level) => level == Person ? "person-scans/emerald" : "organisation-scans/emerald";

    private HttpRequestMessage Request(HttpMethod method, string relativeUri)
    {
        var apiKey = KycConfigured.Require(Provider, options.Value.For(Provider)?.ApiKey, "ApiKey");
        var message = new HttpRequestMessage(method, relativeUri);
        message.Headers.TryAddWithoutValidation("api-key", apiKey);
        return message;
    }

    private Task<KycResponse> SendAsync(HttpRequestMessage message, CancellationToken cancellationToken) =>
        KycHttp.SendAsync(http, Provider, message, logger, cancellationToken);
}
