using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Compliance.Api.Tests.Kyc.Simulators;

/// <summary>
/// ComplyAdvantage (spec §6): the legacy REST searches the client uses (<c>Authorization: Token …</c>,
/// <c>POST /searches</c>, <c>GET /searches/{id}</c>) and Mesh-style callbacks signed per Standard
/// Webhooks v1 (webhook-id, webhook-timestamp, webhook-signature = v1,base64 HMAC-SHA256 with the
/// base64-decoded secret over id.timestamp.body). The callback's <c>customer.identifier</c> is the search
/// id (the ProviderRef: the legacy search stands in for the Mesh customer), <c>case_identifier</c> a case
/// id of its own, and <c>customer.external_identifier</c> the client_ref (our customer id).
/// Decide: Approved → CASE_TRANSITIONED, stage DECISION, decision_type NEGATIVE (search: false_positive);
/// Rejected → CASE_TRANSITIONED, decision_type POSITIVE (true_positive); NeedsReview → CASE_CREATED,
/// stage INITIAL (potential_match). Pending, RejectedRetry and Expired have no screening meaning and
/// throw NotSupportedException.
/// </summary>
public sealed class ComplyAdvantageSimulator : ProviderSimulator
{
    private readonly ConcurrentDictionary<string, Search> _searches = new(StringComparer.Ordinal);
    private int _nextId = 1_000_000;

    private ComplyAdvantageSimulator()
        : base("complyadvantage", "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)))
    {
    }

    public string ApiKey { get; } = Secret(string.Empty);

    public int SearchesCreated => _searches.Count;

    public static async Task<ComplyAdvantageSimulator> StartAsync()
    {
        var simulator = new ComplyAdvantageSimulator();
        await simulator.StartServerAsync();
        return simulator;
    }

    public override HttpRequestMessage Decide(string providerRef, SimulatedOutcome outcome, DateTimeOffset at, string? secret = null)
    {
        var search = _searches[providerRef];
        (search.MatchStatus, var type, var stage) = outcome switch
        {
            SimulatedOutcome.Approved => ("false_positive", "CASE_TRANSITIONED", new { display_name = "Cleared", stage_type = "DECISION", decision_type = (string?)"NEGATIVE" }),
            SimulatedOutcome.Rejected => ("true_positive", "CASE_TRANSITIONED", new { display_name = "Confirmed match", stage_type = "DECISION", decision_type = (string?)"POSITIVE" }),
            SimulatedOutcome.NeedsReview => ("potential_match", "CASE_CREATED", new { display_name = "New", stage_type = "INITIAL", decision_type = (string?)null }),
            _ => throw new NotSupportedException($"A screening case has no {outcome} outcome"),
        };
        search.UpdatedAt = at;
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            api_version = "v2",
            webhook_type = type,
            account_identifier = "simulator",
            case_identifier = search.CaseIdentifier,
            case_type = "CUSTOMER_ONBOARDING",
            customer = new { identifier = search.Id, external_identifier = search.ClientRef, version = 1 },
            case_stage = stage,
            created_at = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        });
        var id = NewId("msg_");
        var timestamp = SigningTimestamp().ToString(CultureInfo.InvariantCulture);
        var key = Convert.FromBase64String((secret ?? WebhookSecret)["whsec_".Length..]);
        var signed = Encoding.UTF8.GetBytes($"{id}.{timestamp}.").Concat(body).ToArray();
        var signature = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed));
        return Callback(body, ("webhook-id", id), ("webhook-timestamp", timestamp), ("webhook-signature", signature));
    }

    protected override IEnumerable<KeyValuePair<string, string?>> Credentials() => [new("ApiKey", ApiKey)];

    protected override IResult? Authenticate(HttpContext context, byte[] body) =>
        context.Request.Headers.Authorization == $"Token {ApiKey}"
            ? null
            : Json(new { code = 401, status = "failure", message = "Authentication failed" }, 401);

    protected override void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/searches", (HttpContext context) =>
        {
            var body = JsonBody(context);
            if (!body.TryGetProperty("search_term", out var term) || term.ValueKind == JsonValueKind.Null)
            {
                return Json(new { code = 422, status = "failure", message = "search_term is required" }, 422);
            }

            var search = new Search(
                Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture),
                term.ToString(),
                body.TryGetProperty("client_ref", out var r) ? r.GetString() : null);
            _searches[search.Id] = search;
            return Json(SearchJson(search));
        });
        routes.MapGet("/searches/{id}", (string id) =>
            _searches.TryGetValue(id, out var search)
                ? Json(SearchJson(search))
                : Json(new { code = 404, status = "failure", message = "Search not found" }, 404));
    }

    private static object SearchJson(Search s) => new
    {
        code = 200,
        status = "success",
        content = new
        {
            data = new
            {
                id = long.Parse(s.Id, CultureInfo.InvariantCulture),
                @ref = $"{s.Id}-sim",
                match_status = s.MatchStatus,
                risk_level = s.MatchStatus == "true_positive" ? "high" : "unknown",
                search_term = s.Term,
                client_ref = s.ClientRef,
                total_hits = s.MatchStatus == "no_match" ? 0 : 1,
                hits = Array.Empty<object>(),
                share_url = $"https://app.complyadvantage.com/public/search/{s.Id}-sim",
                created_at = s.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                updated_at = s.UpdatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            },
        },
    };

    private sealed class Search(string id, string term, string? clientRef)
    {
        public string Id { get; } = id;

        public string Term { get; } = term;

        public string? ClientRef { get; } = clientRef;

        public string CaseIdentifier { get; } = Guid.NewGuid().ToString();

        public DateTimeOffset CreatedAt { get; } = TimeProvider.System.GetUtcNow();

        public DateTimeOffset UpdatedAt { get; set; } = TimeProvider.System.GetUtcNow();

        public string MatchStatus { get; set; } = "no_match";
    }
}
