using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Compliance.Api.Tests.Kyc.Simulators;

/// <summary>
/// Stripe Identity (spec §3): Bearer secret key, form-encoded create, and idempotency as Stripe does
/// it: a repeated Idempotency-Key replays the first response (header Idempotent-Replayed: true), the
/// same key with other parameters is a 400. Callbacks are Stripe events signed with Stripe-Signature.
/// Decide: Pending → processing; Approved → verified; RejectedRetry → requires_input with
/// last_error.code document_unverified_other; Rejected → requires_input with consent_declined;
/// Expired → canceled; NeedsReview has no Stripe equivalent and throws NotSupportedException.
/// </summary>
public sealed class StripeSimulator : ProviderSimulator
{
    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Parameters, string Response)> _idempotency = new(StringComparer.Ordinal);
    private readonly Lock _createGate = new();

    private StripeSimulator()
        : base("stripe")
    {
    }

    public string SecretKey { get; } = Secret("sk_test_");

    /// <summary>Sessions actually created (replays excluded).</summary>
    public int SessionsCreated => _sessions.Count;

    public static async Task<StripeSimulator> StartAsync()
    {
        var simulator = new StripeSimulator();
        await simulator.StartServerAsync();
        return simulator;
    }

    public override HttpRequestMessage Decide(string providerRef, SimulatedOutcome outcome, DateTimeOffset at, string? secret = null)
    {
        var session = _sessions[providerRef];
        (session.Status, session.LastErrorCode, var type) = outcome switch
        {
            SimulatedOutcome.Pending => ("processing", (string?)null, "identity.verification_session.processing"),
            SimulatedOutcome.Approved => ("verified", null, "identity.verification_session.verified"),
            SimulatedOutcome.RejectedRetry => ("requires_input", "document_unverified_other", "identity.verification_session.requires_input"),
            SimulatedOutcome.Rejected => ("requires_input", "consent_declined", "identity.verification_session.requires_input"),
            SimulatedOutcome.Expired => ("canceled", null, "identity.verification_session.canceled"),
            SimulatedOutcome.NeedsReview => throw new NotSupportedException("Stripe Identity has no manual-review state"),
            _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
        };
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            id = NewId("evt_"),
            @object = "event",
            api_version = "2024-06-20",
            created = at.ToUnixTimeSeconds(),
            data = new { @object = SessionJson(session) },
            livemode = false,
            pending_webhooks = 1,
            request = new { id = (string?)null, idempotency_key = (string?)null },
            type,
        });
        var t = SigningTimestamp().ToString(CultureInfo.InvariantCulture);
        var signature = HexHmacSha256(secret ?? WebhookSecret, Encoding.UTF8.GetBytes(t + ".").Concat(body).ToArray());
        return Callback(body, ("Stripe-Signature", $"t={t},v1={signature}"));
    }

    protected override IEnumerable<KeyValuePair<string, string?>> Credentials() => [new("SecretKey", SecretKey)];

    protected override IResult? Authenticate(HttpContext context, byte[] body) =>
        context.Request.Headers.Authorization == $"Bearer {SecretKey}"
            ? null
            : Error(401, "invalid_request_error", "Invalid API Key provided");

    protected override void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/identity/verification_sessions", (HttpContext context) =>
        {
            var parameters = Encoding.ASCII.GetString(Body(context));
            var key = context.Request.Headers["Idempotency-Key"].ToString();
            lock (_createGate)
            {
                if (key.Length > 0 && _idempotency.TryGetValue(key, out var stored))
                {
                    if (stored.Parameters != parameters)
                    {
                        return Error(400, "idempotency_error", "Keys for idempotent requests can only be used with the same parameters they were first used with");
                    }

                    context.Response.Headers["Idempotent-Replayed"] = "true";
                    return Results.Text(stored.Response, "application/json", Encoding.UTF8, 200);
                }

                var form = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(parameters);
                var type = form.TryGetValue("type", out var t) ? t.ToString() : string.Empty;
                if (type is not ("document" or "id_number"))
                {
                    return Error(400, "invalid_request_error", "Invalid type: must be one of document or id_number");
                }

                var id = NewId("vs_");
                var session = new Session(id, type, form.TryGetValue("client_reference_id", out var c) ? c.ToString() : null,
                    form.TryGetValue("metadata[verification_id]", out var v) ? v.ToString() : null);
                _sessions[id] = session;
                var response = JsonSerializer.Serialize(SessionJson(session));
                if (key.Length > 0)
                {
                    _idempotency[key] = (parameters, response);
                }

                return Results.Text(response, "application/json", Encoding.UTF8, 200);
            }
        });
        routes.MapGet("/v1/identity/verification_sessions/{id}", (string id) =>
            _sessions.TryGetValue(id, out var session)
                ? Json(SessionJson(session))
                : Error(404, "invalid_request_error", $"No such verificationsession: '{id}'"));
    }

    private static IResult Error(int status, string type, string message) => Json(new { error = new { type, message } }, status);

    private static object SessionJson(Session s) => new
    {
        id = s.Id,
        @object = "identity.verification_session",
        client_secret = $"{s.Id}_secret_{s.Secret}",
        client_reference_id = s.ClientReferenceId,
        created = s.Created,
        last_error = s.LastErrorCode is null ? null : new { code = s.LastErrorCode, reason = "Simulated: the document could not be verified" },
        last_verification_report = (string?)null,
        livemode = false,
        metadata = s.VerificationId is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["verification_id"] = s.VerificationId },
        options = new { },
        redaction = (object?)null,
        status = s.Status,
        type = s.Type,
        url = s.Status == "requires_input" ? $"https://verify.stripe.com/start/test_{s.Secret}" : null,
    };

    private sealed class Session(string id, string type, string? clientReferenceId, string? verificationId)
    {
        public string Id { get; } = id;

        public string Type { get; } = type;

        public string? ClientReferenceId { get; } = clientReferenceId;

        public string? VerificationId { get; } = verificationId;

        public string Secret { get; } = NewId(string.Empty, 32);

        public long Created { get; } = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();

        public string Status { get; set; } = "requires_input";

        public string? LastErrorCode { get; set; }
    }
}
