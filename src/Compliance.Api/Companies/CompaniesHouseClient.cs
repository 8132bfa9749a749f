using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Compliance.Api.Kyc;
using Compliance.Api.Kyc.Providers;
using Microsoft.Extensions.Options;

namespace Compliance.Api.Companies;

/// <summary>
/// The UK Companies House public data API (docs/kyc.md, "Companies House"): company profile, officers
/// and persons with significant control, read with the API key as the basic-auth user name. Every call
/// is a GET, so the resilience handler may retry it; each attempt passes the client-side rate limiter
/// (<see cref="CompaniesHouseRateLimitHandler"/>).
/// </summary>
internal sealed class CompaniesHouseClient(HttpClient http, IOptions<KycOptions> options, ILogger<CompaniesHouseClient> logger)
{
    public const string Provider = KycProviders.CompaniesHouse;

    /// <summary>The register's page size limit for officers and PSCs.</summary>
    private const int PageSize = 100;

    /// <summary>A look-up reads at most this many officers and as many PSCs (ten pages each); more is flagged as truncated.</summary>
    public const int MaxParties = 1000;

    /// <summary>The company, or null when the register has no company with that number.</summary>
    public async Task<CompanyLookup?> LookUpAsync(string companyNumber, CancellationToken cancellationToken)
    {
        var number = Uri.EscapeDataString(companyNumber);
        var profile = await GetAsync($"company/{number}", cancellationToken);
        if (profile is null)
        {
            return null;
        }

        var (officers, officersTruncated) = await PagesAsync($"company/{number}/officers", Officer, cancellationToken);

        // A company exempt from keeping a PSC register (a listed PLC) has none: 404 is an empty list.
        var (pscs, pscsTruncated) = await PagesAsync($"company/{number}/persons-with-significant-control", Psc, cancellationToken);
        return new CompanyLookup(Profile(profile.Value), officers, pscs, officersTruncated || pscsTruncated);
    }

    private CompanyProfile Profile(JsonElement json) => new(
        KycJson.Required(json, Provider, "company_number"),
        KycJson.Required(json, Provider, "company_name"),
        KycJson.Optional(json, "company_status"),
        KycJson.Optional(json, "type"),
        Date(KycJson.Optional(json, "date_of_creation")),
        KycJson.Optional(json, "jurisdiction"),
        json.TryGetProperty("sic_codes", out var sic) && sic.ValueKind == JsonValueKind.Array
            ? [.. sic.EnumerateArray().Select(s => s.GetString()).OfType<string>()]
            : []);

    private async Task<(IReadOnlyList<CompanyParty> Parties, bool Truncated)> PagesAsync(
        string path, Func<JsonElement, CompanyParty?> read, CancellationToken cancellationToken)
    {
        var parties = new List<CompanyParty>();
        for (var start = 0; start < MaxParties; start += PageSize)
        {
            var page = await GetAsync($"{path}?items_per_page={PageSize}&start_index={start}", cancellationToken);
            if (page is not { } json || !json.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
            {
                return (parties, false);
            }

            var count = 0;
            foreach (var item in items.EnumerateArray())
            {
                count++;
                if (read(item) is { } party)
                {
                    parties.Add(party);
                }
            }

            var total = int.TryParse(KycJson.Optional(json, "total_results"), NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? t : 0;
            if (count == 0 || start + count >= total)
            {
                return (parties, false);
            }
        }

        return (parties, true);
    }

    private static CompanyParty? Officer(JsonElement item)
    {
        var name = KycJson.Optional(item, "name");
        var role = KycJson.Optional(item, "officer_role") ?? "officer";
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var organisation = role.StartsWith("corporate-", StringComparison.Ordinal);
        return new CompanyParty(CompanyParty.Officer, organisation ? name.Trim() : ForenamesFirst(name), organisation, role,
            Number(item, "date_of_birth", "year"), Number(item, "date_of_birth", "month"), KycJson.Optional(item, "nationality"),
            KycJson.Optional(item, "country_of_residence"), Date(KycJson.Optional(item, "appointed_on")), KycJson.Optional(item, "resigned_on") is null);
    }

    private static CompanyParty? Psc(JsonElement item)
    {
        // A super-secure PSC has no name to screen.
        var name = KycJson.Optional(item, "name");
        var kind = KycJson.Optional(item, "kind") ?? "person-with-significant-control";
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var organisation = kind.Contains("corporate-entity", StringComparison.Ordinal) || kind.Contains("legal-person", StringComparison.Ordinal);
        var ceased = KycJson.Optional(item, "ceased_on") is not null || KycJson.Optional(item, "ceased") == "true";
        return new CompanyParty(CompanyParty.Psc, name.Trim(), organisation, kind, Number(item, "date_of_birth", "year"), Number(item, "date_of_birth", "month"),
            KycJson.Optional(item, "nationality"), KycJson.Optional(item, "country_of_residence"), Date(KycJson.Optional(item, "notified_on")), !ceased);
    }

    /// <summary>Officers are listed "SURNAME, Forenames"; screening reads names in their usual order.</summary>
    internal static string ForenamesFirst(string name)
    {
        var comma = name.IndexOf(',', StringComparison.Ordinal);
        return comma < 0 ? name.Trim() : $"{name[(comma + 1)..].Trim()} {name[..comma].Trim()}".Trim();
    }

    private static int? Number(JsonElement item, params string[] path) =>
        int.TryParse(KycJson.Optional(item, path), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static DateOnly? Date(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    /// <summary>The JSON body of a GET, or null on 404; other refusals and failures throw <see cref="KycProviderException"/>.</summary>
    private async Task<JsonElement?> GetAsync(string relativeUri, CancellationToken cancellationToken)
    {
        var apiKey = KycConfigured.Require(Provider, options.Value.For(Provider)?.ApiKey, "ApiKey");
        using var message = new HttpRequestMessage(HttpMethod.Get, relativeUri);

        // Basic auth with the key as the user name and no password.
        message.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(apiKey + ":")));
        var response = await KycHttp.SendAsync(http, Provider, message, logger, cancellationToken);
        return response.StatusCode == 404 ? null : response.Json();
    }
}
