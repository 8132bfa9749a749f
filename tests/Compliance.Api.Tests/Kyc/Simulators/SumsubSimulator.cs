using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace Compliance.Api.Tests.Kyc.Simulators;

/// <summary>
/// Sumsub (spec §2): checks X-App-Token and X-App-Access-Sig over ts + METHOD + path-and-query + body,
/// and refuses a ts older than <see cref="SignatureMaxAgeSeconds"/>. Signing is implemented here
/// independently of the service's handler.
/// Decide: Pending → applicantPending (pending); Approved → applicantReviewed GREEN; NeedsReview →
/// applicantOnHold (onHold); RejectedRetry → applicantReviewed RED+RETRY; Rejected → RED+FINAL;
/// Expired → applicantDeactivated (the review status a fetch returns does not change: Sumsub's status
/// endpoint does not report deactivation).
/// </summary>
public sealed class SumsubSimulator : ProviderSimulator
{
    private readonly ConcurrentDictionary<string, Applicant> _applicants = new(StringComparer.Ordinal);
    private readonly Lock _createGate = new();

    private SumsubSimulator()
        : base("sumsub")
    {
    }

    public string AppToken { get; } = Secret("sbx:");

    public string SecretKey { get; } = Secret(string.Empty);

    /// <summary>How old X-App-Access-Ts may be before the request is refused with 401.</summary>
    public int SignatureMaxAgeSeconds { get; set; } = 60;

    public int ApplicantsCreated => _applicants.Count;

    public static async Task<SumsubSimulator> StartAsync()
    {
        var simulator = new SumsubSimulator();
        await simulator.StartServerAsync();
        return simulator;
    }

    public override HttpRequestMessage Decide(string providerRef, SimulatedOutcome outcome, DateTimeOffset at, string? secret = null)
    {
        var applicant = _applicants[providerRef];
        var (type, reviewStatus, answer, rejectType, labels) = outcome switch
        {
            SimulatedOutcome.Pending => ("applicantPending", "pending", null, null, (string[]?)null),
            SimulatedOutcome.Approved => ("applicantReviewed", "completed", "GREEN", null, null),
            SimulatedOutcome.NeedsReview => ("applicantOnHold", "onHold", null, null, null),
            SimulatedOutcome.RejectedRetry => ("applicantReviewed", "completed", "RED", "RETRY", ["UNSATISFACTORY_PHOTOS"]),
            SimulatedOutcome.Rejected => ("applicantReviewed", "completed", "RED", "FINAL", ["FORGERY"]),
            SimulatedOutcome.Expired => ("applicantDeactivated", applicant.ReviewStatus, applicant.Answer, applicant.RejectType, applicant.Labels),
            _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
        };
        applicant.ReviewStatus = reviewStatus;
        applicant.Answer = answer;
        applicant.RejectType = rejectType;
        applicant.Labels = labels;
        applicant.ReviewDate = at;

        var payload = new Dictionary<string, object?>
        {
            ["applicantId"] = applicant.Id,
            ["inspectionId"] = applicant.InspectionId,
            ["correlationId"] = Guid.NewGuid().ToString("N"),
            ["levelName"] = applicant.LevelName,
            ["externalUserId"] = applicant.ExternalUserId,
            ["type"] = type,
            ["sandboxMode"] = true,
            ["reviewStatus"] = reviewStatus,
            ["createdAt"] = at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "+0000",
            ["createdAtMs"] = at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture),
            ["clientId"] = "simulator",
        };
        if (type == "applicantReviewed")
        {
            payload["reviewResult"] = ReviewResult(applicant);
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(payload);
        return Callback(
            body,
            ("X-Payload-Digest", HexHmacSha256(secret ?? WebhookSecret, body)),
            ("X-Payload-Digest-Alg", "HMAC_SHA256_HEX"));
    }

    protected override IEnumerable<KeyValuePair<string, string?>> Credentials() =>
        [new("AppToken", AppToken), new("SecretKey", SecretKey)];

    protected override IResult? Authenticate(HttpContext context, byte[] body)
    {
        var headers = context.Request.Headers;
        if (headers["X-App-Token"] != AppToken)
        {
            return Error(401, "Invalid app token");
        }

        if (!long.TryParse(headers["X-App-Access-Ts"], NumberStyles.None, CultureInfo.InvariantCulture, out var ts)
            || Math.Abs(TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() - ts) > SignatureMaxAgeSeconds)
        {
            return Error(401, "Request timestamp is missing or too old");
        }

        var target = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var message = Encoding.ASCII.GetBytes(headers["X-App-Access-Ts"] + context.Request.Method.ToUpperInvariant() + target).Concat(body).ToArray();
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(SecretKey), message);
        var given = headers["X-App-Access-Sig"].ToString();
        return given.Length == 64 && CryptographicOperations.FixedTimeEquals(expected, Convert.FromHexString(given))
            ? null
            : Error(401, "Request signature mismatch");
    }

    protected override void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/resources/applicants", (HttpContext context, string levelName) =>
        {
            var externalUserId = JsonBody(context).GetProperty("externalUserId").GetString()!;
            var applicant = new Applicant(NewHexId(), NewHexId(), externalUserId, levelName);
            lock (_createGate)
            {
                // externalUserId is unique at Sumsub: a second create is refused, not a second applicant.
                if (_applicants.Values.Any(a => a.ExternalUserId == externalUserId) || !_applicants.TryAdd(applicant.Id, applicant))
                {
                    return Error(409, $"Applicant with external user id '{externalUserId}' already exists");
                }
            }

            return Json(ApplicantJson(applicant), 201);
        });
        routes.MapGet("/resources/applicants/{selector}/one", (string selector) =>
        {
            const string ByExternalId = "-;externalUserId=";
            var applicant = selector.StartsWith(ByExternalId, StringComparison.Ordinal)
                ? _applicants.Values.FirstOrDefault(a => a.ExternalUserId == selector[ByExternalId.Length..])
                : _applicants.GetValueOrDefault(selector);
            return applicant is null ? Error(404, "Applicant not found") : Json(ApplicantJson(applicant));
        });
        routes.MapGet("/resources/applicants/{id}/status", (string id) =>
            _applicants.TryGetValue(id, out var applicant) ? Json(StatusJson(applicant)) : Error(404, "Applicant not found"));
        routes.MapPost("/resources/accessTokens/sdk", (HttpContext context) =>
        {
            var body = JsonBody(context);
            var userId = body.GetProperty("userId").GetString();
            return body.TryGetProperty("levelName", out _)
                ? Json(new { token = NewId("_act-sbx-jwt-", 40), userId })
                : Error(400, "levelName is required");
        });
    }

    private static IResult Error(int code, string description) =>
        Json(new { description, code, correlationId = Guid.NewGuid().ToString("N") }, code);

    private static string NewHexId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    private static object ApplicantJson(Applicant a) => new
    {
        id = a.Id,
        createdAt = a.CreatedAt,
        clientId = "simulator",
        inspectionId = a.InspectionId,
        externalUserId = a.ExternalUserId,
        levelName = a.LevelName,
        type = "individual",
        review = new { reviewId = a.InspectionId, attemptId = "sim", attemptCnt = 0, levelName = a.LevelName, createDate = a.CreatedAt, reviewStatus = a.ReviewStatus, priority = 0 },
    };

    private static Dictionary<string, object?> StatusJson(Applicant a)
    {
        var status = new Dictionary<string, object?>
        {
            ["createDate"] = a.CreatedAt,
            ["levelName"] = a.LevelName,
            ["attemptCnt"] = 1,
            ["priority"] = 0,
            ["reviewStatus"] = a.ReviewStatus,
        };
        if (a.ReviewDate is { } reviewed)
        {
            status["reviewDate"] = reviewed.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "+0000";
        }

        if (a.Answer is not null)
        {
            status["reviewResult"] = ReviewResult(a);
        }

        return status;
    }

    private static Dictionary<string, object?> ReviewResult(Applicant a)
    {
        var result = new Dictionary<string, object?> { ["reviewAnswer"] = a.Answer };
        if (a.Answer == "RED")
        {
            result["rejectLabels"] = a.Labels ?? [];
            result["reviewRejectType"] = a.RejectType;
            result["moderationComment"] = "Simulated rejection";
        }

        return result;
    }

    private sealed class Applicant(string id, string inspectionId, string externalUserId, string levelName)
    {
        public string Id { get; } = id;

        public string InspectionId { get; } = inspectionId;

        public string ExternalUserId { get; } = externalUserId;

        public string LevelName { get; } = levelName;

        public string CreatedAt { get; } = TimeProvider.System.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

        public string ReviewStatus { get; set; } = "init";

        public string? Answer { get; set; }

        public string? RejectType { get; set; }

        public string[]? Labels { get; set; }

        public DateTimeOffset? ReviewDate { get; set; }
    }
}
