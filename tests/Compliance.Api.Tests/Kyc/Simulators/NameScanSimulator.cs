using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Compliance.Api.Tests.Kyc.Simulators;

/// <summary>
/// NameScan's Emerald scans as docs/kyc.md cites them: <c>api-key</c> header, <c>POST
/// /person-scans/emerald</c> and <c>/organisation-scans/emerald</c> answering the result at once
/// (<c>scan_id</c>, <c>number_of_matches</c>, <c>number_of_pep_matches</c>, <c>number_of_sip_matches</c>,
/// <c>persons</c> / <c>entities</c>), and <c>GET …/emerald/{scan_id}</c>. A scanned name matches when it
/// contains one of <see cref="Listed"/>'s names (case-insensitive), in that category. NameScan sends no
/// callbacks, so <see cref="Decide"/> is not supported.
/// </summary>
public sealed class NameScanSimulator : ProviderSimulator
{
    private readonly ConcurrentDictionary<string, string> _scans = new(StringComparer.Ordinal);
    private int _nextId = 5_000_000;

    private NameScanSimulator()
        : base("namescan")
    {
    }

    public string ApiKey { get; } = Secret(string.Empty);

    /// <summary>Listed names and their category: <c>PEP</c> or <c>SIP</c> (special interest person: sanctions, crime).</summary>
    public ConcurrentDictionary<string, string> Listed { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static async Task<NameScanSimulator> StartAsync()
    {
        var simulator = new NameScanSimulator();
        await simulator.StartServerAsync();
        return simulator;
    }

    public override HttpRequestMessage Decide(string providerRef, SimulatedOutcome outcome, DateTimeOffset at, string? secret = null) =>
        throw new NotSupportedException("NameScan sends no callbacks: a scan's result is its answer.");

    protected override IEnumerable<KeyValuePair<string, string?>> Credentials() => [new("ApiKey", ApiKey)];

    protected override IResult? Authenticate(HttpContext context, byte[] body) =>
        context.Request.Headers["api-key"] == ApiKey ? null : Json(new { message = "Authorization has been denied for this request." }, 401);

    protected override void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/person-scans/emerald", (HttpContext context) => Scan(JsonBody(context), "persons"));
        routes.MapPost("/organisation-scans/emerald", (HttpContext context) => Scan(JsonBody(context), "entities"));
        routes.MapGet("/person-scans/emerald/{id}", (string id) => Stored(id));
        routes.MapGet("/organisation-scans/emerald/{id}", (string id) => Stored(id));
    }

    private IResult Scan(JsonElement body, string matchesName)
    {
        if (!body.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String || name.GetString()!.Length == 0)
        {
            return Json(new { message = "The request is invalid.", modelState = new Dictionary<string, string[]> { ["name"] = ["The name field is required."] } }, 400);
        }

        var matches = Listed.Where(l => name.GetString()!.Contains(l.Key, StringComparison.OrdinalIgnoreCase))
            .Select(l => new { uid = "ns-" + l.Key.GetHashCode(StringComparison.OrdinalIgnoreCase).ToString("x8", CultureInfo.InvariantCulture), name = l.Key, category = l.Value, match_rate = 100 })
            .ToList();
        var id = Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
        var result = new Dictionary<string, object>
        {
            ["date"] = TimeProvider.System.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
            ["scan_id"] = id,
            ["number_of_matches"] = matches.Count,
            ["number_of_pep_matches"] = matches.Count(m => m.category == "PEP"),
            ["number_of_sip_matches"] = matches.Count(m => m.category == "SIP"),
            [matchesName] = matches,
        };
        var json = JsonSerializer.Serialize(result);
        _scans[id] = json;
        return Results.Text(json, "application/json");
    }

    private IResult Stored(string id) =>
        _scans.TryGetValue(id, out var json) ? Results.Text(json, "application/json") : Json(new { message = "Scan not found." }, 404);
}
