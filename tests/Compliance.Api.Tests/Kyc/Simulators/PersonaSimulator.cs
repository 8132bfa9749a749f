using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Compliance.Api.Tests.Kyc.Simulators;

/// <summary>
/// Persona (spec §5): Bearer API key; the inquiry-template-id must be the configured TemplateId; a
/// repeated Idempotency-Key replays the first response, other parameters under the same key are a 409.
/// Callbacks are JSON:API events signed with <c>Persona-Signature: t=…,v1=…</c>.
/// Decide: Pending → inquiry.started (pending); Approved → inquiry.approved; NeedsReview →
/// inquiry.marked-for-review (needs_review); RejectedRetry → inquiry.failed; Rejected →
/// inquiry.declined; Expired → inquiry.expired.
/// </summary>
public sealed class PersonaSimulator : ProviderSimulator
{
    private readonly ConcurrentDictionary<string, Inquiry> _inquiries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Parameters, string Response)> _idempotency = new(StringComparer.Ordinal);
    private readonly Lock _createGate = new();

    private PersonaSimulator()
        : base("persona")
    {
    }

    public string ApiKey { get; } = Secret("persona_sandbox_");

    public string TemplateId { get; } = NewId("itmpl_");

    /// <summary>Inquiries actually created (replays excluded).</summary>
    public int InquiriesCreated => _inquiries.Count;

    public static async Task<PersonaSimulator> StartAsync()
    {
        var simulator = new PersonaSimulator();
        await simulator.StartServerAsync();
        return simulator;
    }

    public override HttpRequestMessage Decide(string providerRef, SimulatedOutcome outcome, DateTimeOffset at, string? secret = null)
    {
        var inquiry = _inquiries[providerRef];
        (inquiry.Status, var name) = outcome switch
        {
            SimulatedOutcome.Pending => ("pending", "inquiry.started"),
            SimulatedOutcome.Approved => ("approved", "inquiry.approved"),
            SimulatedOutcome.NeedsReview => ("needs_review", "inquiry.marked-for-review"),
            SimulatedOutcome.RejectedRetry => ("failed", "inquiry.failed"),
            SimulatedOutcome.Rejected => ("declined", "inquiry.declined"),
            SimulatedOutcome.Expired => ("expired", "inquiry.expired"),
            _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
        };
        inquiry.UpdatedAt = at;
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            data = new
            {
                type = "event",
                id = NewId("evt_"),
                attributes = new Dictionary<string, object>
                {
                    ["name"] = name,
                    ["payload"] = InquiryJson(inquiry),
                    ["created-at"] = Iso(at),
                },
            },
        });
        var t = SigningTimestamp().ToString(CultureInfo.InvariantCulture);
        var signature = HexHmacSha256(secret ?? WebhookSecret, Encoding.UTF8.GetBytes(t + ".").Concat(body).ToArray());
        return Callback(body, ("Persona-Signature", $"t={t},v1={signature}"));
    }

    protected override IEnumerable<KeyValuePair<string, string?>> Credentials() =>
        [new("ApiKey", ApiKey), new("TemplateId", TemplateId)];

    protected override IResult? Authenticate(HttpContext context, byte[] body) =>
        context.Request.Headers.Authorization == $"Bearer {ApiKey}"
            ? null
            : Error(401, "Must be authenticated to access this endpoint");

    protected override void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/v1/inquiries", (HttpContext context) =>
        {
            var parameters = Encoding.UTF8.GetString(Body(context));
            var key = context.Request.Headers["Idempotency-Key"].ToString();
            lock (_createGate)
            {
                if (key.Length > 0 && _idempotency.TryGetValue(key, out var stored))
                {
                    return stored.Parameters == parameters
                        ? Results.Text(stored.Response, "application/json", Encoding.UTF8, 201)
                        : Error(409, "Idempotency key reused with different parameters");
                }

                var attributes = JsonBody(context).GetProperty("data").GetProperty("attributes");
                if (!attributes.TryGetProperty("inquiry-template-id", out var template) || template.GetString() != TemplateId)
                {
                    return Error(404, "Record not found: inquiry-template-id");
                }

                var referenceId = attributes.TryGetProperty("reference-id", out var r) ? r.GetString() : null;
                var inquiry = new Inquiry(NewId("inq_", 25), referenceId, TemplateId);
                _inquiries[inquiry.Id] = inquiry;
                var response = JsonSerializer.Serialize(InquiryJson(inquiry));
                if (key.Length > 0)
                {
                    _idempotency[key] = (parameters, response);
                }

                return Results.Text(response, "application/json", Encoding.UTF8, 201);
            }
        });
        routes.MapGet("/api/v1/inquiries/{id}", (string id) =>
            _inquiries.TryGetValue(id, out var inquiry) ? Json(InquiryJson(inquiry)) : Error(404, "Record not found"));
    }

    private static IResult Error(int status, string title) => Json(new { errors = new[] { new { title } } }, status);

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static object InquiryJson(Inquiry i) => new
    {
        data = new
        {
            type = "inquiry",
            id = i.Id,
            attributes = new Dictionary<string, object?>
            {
                ["status"] = i.Status,
                ["reference-id"] = i.ReferenceId,
                ["created-at"] = Iso(i.CreatedAt),
                ["updated-at"] = Iso(i.UpdatedAt),
                ["decisioned-at"] = i.Status is "approved" or "declined" ? Iso(i.UpdatedAt) : null,
            },
            relationships = new Dictionary<string, object>
            {
                ["inquiry-template"] = new { data = new { type = "inquiry-template", id = i.TemplateId } },
            },
        },
        included = Array.Empty<object>(),
    };

    private sealed class Inquiry(string id, string? referenceId, string templateId)
    {
        public string Id { get; } = id;

        public string? ReferenceId { get; } = referenceId;

        public string TemplateId { get; } = templateId;

        public DateTimeOffset CreatedAt { get; } = TimeProvider.System.GetUtcNow();

        public DateTimeOffset UpdatedAt { get; set; } = TimeProvider.System.GetUtcNow();

        public string Status { get; set; } = "created";
    }
}
