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
/// Veriff (spec §4): X-AUTH-CLIENT on every call; the decision GET must carry X-HMAC-SIGNATURE = hex
/// HMAC-SHA256(shared secret, session id). Veriff signs callbacks with the same shared secret, so
/// <see cref="ProviderSimulator.WebhookSecret"/> is also the SharedSecret in <see cref="ProviderSimulator.Settings"/>.
/// Decide sends a decision webhook: Approved → approved 9001; Rejected → declined 9102 (reasonCode 102);
/// RejectedRetry → resubmission_requested 9103 (reasonCode 201); Expired → expired 9104; NeedsReview →
/// review 9121. Pending sends the event webhook (submitted, code 7002) instead, as Veriff does; the
/// decision endpoint then still answers <c>verification: null</c>, as it does until a decision exists.
/// Each call is a new attempt (new attemptId).
/// </summary>
public sealed class VeriffSimulator : ProviderSimulator
{
    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);

    private VeriffSimulator()
        : base("veriff")
    {
    }

    public string ApiKey { get; } = Guid.NewGuid().ToString();

    public int SessionsCreated => _sessions.Count;

    public static async Task<VeriffSimulator> StartAsync()
    {
        var simulator = new VeriffSimulator();
        await simulator.StartServerAsync();
        return simulator;
    }

    public override HttpRequestMessage Decide(string providerRef, SimulatedOutcome outcome, DateTimeOffset at, string? secret = null)
    {
        var session = _sessions[providerRef];
        var attemptId = Guid.NewGuid().ToString();
        byte[] body;
        if (outcome == SimulatedOutcome.Pending)
        {
            body = JsonSerializer.SerializeToUtf8Bytes(new
            {
                id = session.Id,
                attemptId,
                feature = "selfid",
                code = 7002,
                action = "submitted",
                vendorData = session.VendorData,
                endUserId = (string?)null,
            });
        }
        else
        {
            (var status, var code, var reasonCode, var reason) = outcome switch
            {
                SimulatedOutcome.Approved => ("approved", 9001, (int?)null, (string?)null),
                SimulatedOutcome.Rejected => ("declined", 9102, 102, "Suspected document tampering."),
                SimulatedOutcome.RejectedRetry => ("resubmission_requested", 9103, 201, "Video and/or photos missing."),
                SimulatedOutcome.Expired => ("expired", 9104, null, null),
                SimulatedOutcome.NeedsReview => ("review", 9121, null, null),
                _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
            };
            session.Decision = new Dictionary<string, object?>
            {
                ["id"] = session.Id,
                ["attemptId"] = attemptId,
                ["vendorData"] = session.VendorData,
                ["endUserId"] = null,
                ["status"] = status,
                ["code"] = code,
                ["reason"] = reason,
                ["reasonCode"] = reasonCode,
                ["decisionTime"] = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                ["acceptanceTime"] = session.CreatedAt,
                ["person"] = new { firstName = (string?)null, lastName = (string?)null },
                ["document"] = new { type = "PASSPORT", country = "EE" },
                ["comments"] = Array.Empty<string>(),
            };
            body = JsonSerializer.SerializeToUtf8Bytes(new { status = "success", verification = session.Decision, technicalData = new { ip = (string?)null } });
        }

        return Callback(
            body,
            ("X-AUTH-CLIENT", ApiKey),
            ("X-HMAC-SIGNATURE", HexHmacSha256(secret ?? WebhookSecret, body)));
    }

    protected override IEnumerable<KeyValuePair<string, string?>> Credentials() =>
        [new("ApiKey", ApiKey), new("SharedSecret", WebhookSecret)];

    protected override IResult? Authenticate(HttpContext context, byte[] body) =>
        context.Request.Headers["X-AUTH-CLIENT"] == ApiKey
            ? null
            : Json(new { status = "fail", code = "1801", message = "Mandatory X-AUTH-CLIENT header containing the API key is missing from the request." }, 401);

    protected override void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/sessions", (HttpContext context) =>
        {
            var body = JsonBody(context);
            if (!body.TryGetProperty("verification", out var verification) || verification.ValueKind != JsonValueKind.Object)
            {
                return Json(new { status = "fail", code = "1102", message = "Mandatory parameters are missing from the request." }, 400);
            }

            var vendorData = verification.TryGetProperty("vendorData", out var v) ? v.GetString() : null;
            var session = new Session(Guid.NewGuid().ToString(), vendorData, NewId(string.Empty, 40));
            _sessions[session.Id] = session;
            return Json(new
            {
                status = "success",
                verification = new
                {
                    id = session.Id,
                    url = $"https://alchemy.veriff.com/v/{session.Token}",
                    vendorData,
                    host = "https://alchemy.veriff.com",
                    status = "created",
                    sessionToken = session.Token,
                },
            }, 201);
        });
        routes.MapGet("/v1/sessions/{id}/decision", (HttpContext context, string id) =>
        {
            var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(WebhookSecret), Encoding.UTF8.GetBytes(id));
            var given = context.Request.Headers["X-HMAC-SIGNATURE"].ToString();
            if (given.Length != 64 || !CryptographicOperations.FixedTimeEquals(expected, Convert.FromHexString(given)))
            {
                return Json(new { status = "fail", code = "1812", message = "Signature \"x-hmac-signature\" does not match the HMAC-SHA256 of query ID and integration API secret." }, 401);
            }

            return _sessions.TryGetValue(id, out var session)
                ? Json(new { status = "success", verification = session.Decision, technicalData = new { ip = (string?)null } })
                : Json(new { status = "fail", code = "1818", message = "Session not found." }, 404);
        });
    }

    private sealed class Session(string id, string? vendorData, string token)
    {
        public string Id { get; } = id;

        public string? VendorData { get; } = vendorData;

        public string Token { get; } = token;

        public string CreatedAt { get; } = TimeProvider.System.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

        public Dictionary<string, object?>? Decision { get; set; }
    }
}
