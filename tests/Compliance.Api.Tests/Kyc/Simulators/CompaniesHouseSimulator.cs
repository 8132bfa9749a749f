using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Compliance.Api.Tests.Kyc.Simulators;

/// <summary>
/// The Companies House public data API as docs/kyc.md cites it: basic auth with the API key as the
/// user name and an empty password; <c>GET /company/{number}</c>, <c>/company/{number}/officers</c> and
/// <c>/company/{number}/persons-with-significant-control</c> paged by <c>items_per_page</c> and
/// <c>start_index</c>; 404 for an unknown company; and its rate limit, answered with 429 and the
/// <c>X-Ratelimit-*</c> headers once more than <see cref="ServerLimit"/> requests arrive within
/// <see cref="ServerWindow"/>.
/// </summary>
public sealed class CompaniesHouseSimulator : ProviderSimulator
{
    private readonly Lock _gate = new();
    private readonly Queue<DateTimeOffset> _arrivals = new();

    private CompaniesHouseSimulator()
        : base("companieshouse")
    {
    }

    public string ApiKey { get; } = Guid.NewGuid().ToString();

    public ConcurrentDictionary<string, SimulatedCompany> Companies { get; } = new(StringComparer.Ordinal);

    public int ServerLimit { get; set; } = 600;

    public TimeSpan ServerWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many requests got 429 for exceeding the server's limit.</summary>
    public int RateLimited { get; private set; }

    public static async Task<CompaniesHouseSimulator> StartAsync()
    {
        var simulator = new CompaniesHouseSimulator();
        await simulator.StartServerAsync();
        return simulator;
    }

    public override HttpRequestMessage Decide(string providerRef, SimulatedOutcome outcome, DateTimeOffset at, string? secret = null) =>
        throw new NotSupportedException("Companies House sends no callbacks.");

    protected override IEnumerable<KeyValuePair<string, string?>> Credentials() => [new("ApiKey", ApiKey)];

    protected override IResult? Authenticate(HttpContext context, byte[] body)
    {
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(ApiKey + ":"));
        if (context.Request.Headers.Authorization != expected)
        {
            return Json(new { error = "Invalid Authorization", type = "ch:service" }, 401);
        }

        lock (_gate)
        {
            var now = TimeProvider.System.GetUtcNow();
            while (_arrivals.Count > 0 && _arrivals.Peek() <= now - ServerWindow)
            {
                _arrivals.Dequeue();
            }

            context.Response.Headers["X-Ratelimit-Limit"] = ServerLimit.ToString(CultureInfo.InvariantCulture);
            context.Response.Headers["X-Ratelimit-Window"] = $"{ServerWindow.TotalMinutes:0}m";
            if (_arrivals.Count >= ServerLimit)
            {
                RateLimited++;
                context.Response.Headers["X-Ratelimit-Remain"] = "0";
                return Json(new { error = "Rate limit exceeded" }, 429);
            }

            _arrivals.Enqueue(now);
            context.Response.Headers["X-Ratelimit-Remain"] = (ServerLimit - _arrivals.Count).ToString(CultureInfo.InvariantCulture);
        }

        return null;
    }

    protected override void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/company/{number}", (string number) => Companies.TryGetValue(number, out var c)
            ? Json(new
            {
                company_number = c.Number,
                company_name = c.Name,
                company_status = c.Status,
                type = "ltd",
                date_of_creation = "2015-03-02",
                jurisdiction = "england-wales",
                sic_codes = new[] { "64999" },
                registered_office_address = new { address_line_1 = "1 Example Street", locality = "London", postal_code = "EC1A 1AA" },
            })
            : NotFound());
        routes.MapGet("/company/{number}/officers", (string number, int? items_per_page, int? start_index) => Companies.TryGetValue(number, out var c)
            ? Page(c.Officers, items_per_page ?? 35, start_index ?? 0, "officer-list")
            : NotFound());
        routes.MapGet("/company/{number}/persons-with-significant-control", (string number, int? items_per_page, int? start_index) =>
            Companies.TryGetValue(number, out var c) && c.Pscs is not null
                ? Page(c.Pscs, items_per_page ?? 25, start_index ?? 0, "persons-with-significant-control#list")
                : NotFound());
    }

    private static IResult NotFound() => Json(new { errors = new[] { new { error = "company-profile-not-found", type = "ch:service" } } }, 404);

    private static IResult Page(IReadOnlyList<object> items, int size, int start, string kind) => Json(new
    {
        kind,
        items_per_page = size,
        start_index = start,
        total_results = items.Count,
        items = items.Skip(start).Take(Math.Min(size, 100)).ToArray(),
    });

    /// <summary>An officer as the register lists them ("SURNAME, Forenames").</summary>
    public static object Officer(string name, string role = "director", string? resignedOn = null, int? birthYear = 1970, string? nationality = "British") => new
    {
        name,
        officer_role = role,
        appointed_on = "2015-03-02",
        resigned_on = resignedOn,
        date_of_birth = birthYear is null ? null : new { month = 6, year = birthYear },
        nationality,
        country_of_residence = "United Kingdom",
    };

    public static object Psc(string name, string kind = "individual-person-with-significant-control", string? ceasedOn = null) => new
    {
        name,
        kind,
        notified_on = "2016-04-06",
        ceased_on = ceasedOn,
        natures_of_control = new[] { "ownership-of-shares-75-to-100-percent" },
        nationality = kind.StartsWith("individual", StringComparison.Ordinal) ? "British" : null,
        country_of_residence = "United Kingdom",
    };
}

/// <param name="Pscs">Null: the company keeps no PSC register (404, as for a listed PLC).</param>
public sealed record SimulatedCompany(string Number, string Name, string Status, IReadOnlyList<object> Officers, IReadOnlyList<object>? Pscs);
