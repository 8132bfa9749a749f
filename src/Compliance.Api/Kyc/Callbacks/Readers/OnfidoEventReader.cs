using System.Text.Json;

namespace Compliance.Api.Kyc.Callbacks.Readers;

/// <summary>
/// Onfido (Entrust IDV) webhooks (spec §1, §7): <c>{payload{resource_type, action, object{id, status,
/// completed_at_iso8601}, resource{…}}}</c>. A classic <c>check.completed</c> does not carry the result, so
/// it changes nothing itself and asks for the check to be fetched.
/// </summary>
internal sealed class OnfidoEventReader : IKycEventReader
{
    private const string WorkflowRunPrefix = "workflow_run.";

    public string Provider => KycProviders.Onfido;

    public KycCallbackEvent Read(JsonElement root, IHeaderDictionary headers, ReadOnlySpan<byte> rawBody)
    {
        var json = EventJson.Of(root, Provider);
        json.RequireObject("payload");
        var action = json.RequireString("payload.action");
        json.RequireObject("payload.object");
        var objectId = json.RequireString("payload.object.id");
        var completedAt = json.OptionalString("payload.object.completed_at_iso8601");
        var status = json.OptionalString("payload.object.status") ?? json.OptionalString("payload.resource.status");
        var isWorkflowRun = action.StartsWith(WorkflowRunPrefix, StringComparison.Ordinal);

        return new KycCallbackEvent(
            // Without a completion time, two different events of one object would share an id: hash the body instead.
            EventId: completedAt is null ? EventIds.BodyHash(rawBody) : EventIds.Compose(objectId, action, completedAt),
            EventType: action,

            // A workflow run is the verification; a check or report belongs to the applicant being verified.
            ProviderRef: isWorkflowRun ? objectId : json.OptionalString("payload.resource.applicant_id") ?? objectId,
            CustomerRef: json.OptionalString("payload.resource.customer_user_id"),
            Status: isWorkflowRun ? MapRun(status) : MapAction(action),
            Screening: null,
            RawStatus: status ?? action,
            ReasonCodes: [],
            OccurredAt: json.OptionalTime("payload.object.completed_at_iso8601")
                ?? json.OptionalTime("payload.resource.updated_at")
                ?? json.OptionalTime("payload.resource.created_at"),
            NeedsFetch: action == "check.completed");
    }

    private static KycStatus? MapAction(string action) => action switch
    {
        "check.started" or "check.reopened" => KycStatus.Pending,
        "report.awaiting_approval" => KycStatus.NeedsReview,
        "check.withdrawn" or "report.withdrawn" or "report.cancelled" => KycStatus.Expired,

        // check.completed needs a fetch; report.completed, form and task events carry no outcome.
        _ => null,
    };

    private static KycStatus? MapRun(string? status) => status switch
    {
        "awaiting_input" => KycStatus.None,

        // Waiting on us (the client), not on the customer: someone here has to act.
        "awaiting_client_input" => KycStatus.NeedsReview,
        "processing" => KycStatus.Pending,
        "approved" => KycStatus.Approved,
        "declined" => KycStatus.Rejected,
        "review" => KycStatus.NeedsReview,
        "abandoned" => KycStatus.Expired,

        // Onfido-side error: reconciliation re-reads the run.
        "error" => KycStatus.Pending,
        _ => null,
    };
}
