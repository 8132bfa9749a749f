using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Compliance.Api.Tests.Kyc.Simulators;

/// <summary>
/// Onfido v3.6 Studio (spec §1), under <c>/v3.6</c>: checks <c>Authorization: Token token=…</c>, creates
/// applicants and workflow runs (the run's workflow_id must be the configured TemplateId), lists runs
/// filtered by applicant_id. Callbacks are <c>workflow_run.completed</c> signed with X-SHA2-Signature.
/// Decide: Pending → processing; Approved → approved; NeedsReview → review; Rejected → declined;
/// Expired → abandoned; RejectedRetry has no Studio equivalent and throws NotSupportedException.
/// </summary>
public sealed class OnfidoSimulator : ProviderSimulator
{
    private readonly ConcurrentDictionary<string, string> _applicants = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Run> _runs = new(StringComparer.Ordinal);

    private OnfidoSimulator()
        : base("onfido")
    {
    }

    public string ApiToken { get; } = Secret("api_sandbox.");

    public string WorkflowId { get; } = Guid.NewGuid().ToString();

    public int ApplicantsCreated => _applicants.Count;

    public int RunsCreated => _runs.Count;

    protected override string BasePath => "/v3.6";

    public static async Task<OnfidoSimulator> StartAsync()
    {
        var simulator = new OnfidoSimulator();
        await simulator.StartServerAsync();
        return simulator;
    }

    public override HttpRequestMessage Decide(string providerRef, SimulatedOutcome outcome, DateTimeOffset at, string? secret = null)
    {
        var run = _runs[providerRef];
        run.Status = outcome switch
        {
            SimulatedOutcome.Pending => "processing",
            SimulatedOutcome.Approved => "approved",
            SimulatedOutcome.NeedsReview => "review",
            SimulatedOutcome.Rejected => "declined",
            SimulatedOutcome.Expired => "abandoned",
            SimulatedOutcome.RejectedRetry => throw new NotSupportedException("Onfido Studio has no retry outcome: a run is approved, declined, review or abandoned"),
            _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
        };
        run.UpdatedAt = at;
        var completedAt = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            payload = new
            {
                resource_type = "workflow_run",
                action = "workflow_run.completed",
                @object = new { id = run.Id, status = run.Status, completed_at_iso8601 = completedAt, href = $"{BaseUrl}workflow_runs/{run.Id}" },
                resource = RunJson(run),
            },
        });
        return Callback(body, ("X-SHA2-Signature", HexHmacSha256(secret ?? WebhookSecret, body)));
    }

    protected override IEnumerable<KeyValuePair<string, string?>> Credentials() =>
        [new("ApiToken", ApiToken), new("TemplateId", WorkflowId)];

    protected override IResult? Authenticate(HttpContext context, byte[] body) =>
        context.Request.Headers.Authorization == $"Token token={ApiToken}"
            ? null
            : Error(401, "authorization_error", "Authorization error: please re-check your credentials");

    protected override void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/applicants", () =>
        {
            var id = Guid.NewGuid().ToString();
            var createdAt = Iso(TimeProvider.System.GetUtcNow());
            _applicants[id] = createdAt;
            return Json(new { id, created_at = createdAt, sandbox = true, first_name = (string?)null, last_name = (string?)null, href = $"/v3.6/applicants/{id}" }, 201);
        });
        routes.MapGet("/workflow_runs", (string? applicant_id) =>
            Json(_runs.Values.Where(r => applicant_id is null || r.ApplicantId == applicant_id).OrderBy(r => r.CreatedAt).Select(RunJson).ToArray()));
        routes.MapPost("/workflow_runs", (HttpContext context) =>
        {
            var body = JsonBody(context);
            var applicantId = body.TryGetProperty("applicant_id", out var a) ? a.GetString() : null;
            var workflowId = body.TryGetProperty("workflow_id", out var w) ? w.GetString() : null;
            if (applicantId is null || !_applicants.ContainsKey(applicantId) || workflowId != WorkflowId)
            {
                return Error(422, "validation_error", "There was a validation error on this request");
            }

            var run = new Run(Guid.NewGuid().ToString(), applicantId, workflowId,
                body.TryGetProperty("customer_user_id", out var c) ? c.GetString() : null);
            _runs[run.Id] = run;
            return Json(RunJson(run), 201);
        });
        routes.MapGet("/workflow_runs/{id}", (string id) =>
            _runs.TryGetValue(id, out var run) ? Json(RunJson(run)) : Error(404, "resource_not_found", "The resource could not be found"));
    }

    private static IResult Error(int status, string type, string message) => Json(new { error = new { type, message } }, status);

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static object RunJson(Run run) => new
    {
        id = run.Id,
        applicant_id = run.ApplicantId,
        workflow_id = run.WorkflowId,
        workflow_version = 1,
        status = run.Status,
        customer_user_id = run.CustomerUserId,
        dashboard_url = $"https://dashboard.onfido.com/results/{run.Id}",
        link = new { url = $"https://eu.onfido.app/l/{run.Id}", completed_redirect_url = (string?)null, expired_redirect_url = (string?)null, expires_at = (string?)null, language = (string?)null },
        created_at = Iso(run.CreatedAt),
        updated_at = Iso(run.UpdatedAt),
        tags = Array.Empty<string>(),
        reasons = Array.Empty<string>(),
        error = (object?)null,
        output = (object?)null,
    };

    private sealed class Run(string id, string applicantId, string workflowId, string? customerUserId)
    {
        public string Id { get; } = id;

        public string ApplicantId { get; } = applicantId;

        public string WorkflowId { get; } = workflowId;

        public string? CustomerUserId { get; } = customerUserId;

        public DateTimeOffset CreatedAt { get; } = TimeProvider.System.GetUtcNow();

        public string Status { get; set; } = "awaiting_input";

        public DateTimeOffset UpdatedAt { get; set; } = TimeProvider.System.GetUtcNow();
    }
}
