using System.Security.Claims;
using Compliance.Api.Auth;

namespace Compliance.Api.Screening.Decisions;

/// <summary>
/// <c>/v1/customers/{id}/screening</c>: a customer's screenings with their hits (role <c>cases:read</c>)
/// and the officers' decisions on those hits (role <c>cases:write</c>): confirm a match, propose a
/// false positive, approve or reject someone else's proposal.
/// </summary>
internal static class ScreeningDecisionEndpoints
{
    private const int MaxField = 100;

    public static IEndpointRouteBuilder MapScreeningDecisions(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/customers/{id}/screening").WithTags("Screening");
        group.MapGet("/", ViewAsync).RequireAuthorization(Roles.CasesRead).WithName("GetCustomerScreening").WithSummary("A customer's screenings, hits and officers' decisions").Produces<CustomerScreeningView>()
            .WithDescription("The customer's screening status, latest screenings against the lists (hits, and those set aside as false positives) and the officers' decisions.");
        group.MapPost("/decisions", ProposeAsync).RequireAuthorization(Roles.CasesWrite).WithName("DecideScreeningHit").WithSummary("Confirm a hit or propose it as a false positive").Produces<ScreeningDecisionResponse>(StatusCodes.Status201Created)
            .WithDescription("Decides one hit: confirmed_match applies at once; false_positive waits for a second officer's approval.");
        group.MapPost("/decisions/{decisionId:guid}/approve", (string id, Guid decisionId, ClaimsPrincipal user, HttpContext http, ScreeningDecisionStore store,
                CancellationToken cancellationToken) => DecideAsync(id, decisionId, true, user, http, store, cancellationToken))
            .RequireAuthorization(Roles.CasesWrite).WithName("ApproveScreeningDecision").WithSummary("Approve a proposed false positive (a second officer)").Produces<ScreeningDecisionResponse>()
            .WithDescription("A second officer approves a proposed false positive: the hit stops counting while its list entry is unchanged.");
        group.MapPost("/decisions/{decisionId:guid}/reject", (string id, Guid decisionId, ClaimsPrincipal user, HttpContext http, ScreeningDecisionStore store,
                CancellationToken cancellationToken) => DecideAsync(id, decisionId, false, user, http, store, cancellationToken))
            .RequireAuthorization(Roles.CasesWrite).WithName("RejectScreeningDecision").WithSummary("Reject a proposed false positive (a second officer)").Produces<ScreeningDecisionResponse>()
            .WithDescription("A second officer rejects a proposed false positive.");
        return routes;
    }

    private static async Task<IResult> ViewAsync(string id, ScreeningDecisionStore store, CancellationToken cancellationToken) =>
        await store.ViewAsync(id, 20, cancellationToken) is { } view ? Results.Ok(view) : CustomerNotFound(id);

    private static async Task<IResult> ProposeAsync(
        string id, ScreeningDecisionRequest body, ClaimsPrincipal user, HttpContext http, ScreeningDecisionStore store, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(body.List) || body.List.Length > MaxField)
        {
            errors["list"] = ["list is required: the list of the hit, e.g. ofac-sdn."];
        }

        if (string.IsNullOrWhiteSpace(body.EntryId) || body.EntryId.Length > MaxField)
        {
            errors["entryId"] = ["entryId is required: the list entry of the hit."];
        }

        if (body.Decision is null || !MatchDecision.All.Contains(body.Decision))
        {
            errors["decision"] = ["decision must be confirmed_match or false_positive."];
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }

        var result = await store.ProposeAsync(id, body.List!, body.EntryId!, body.Decision!, user.AuditPrincipal(), http.TraceIdentifier, cancellationToken);
        var hit = $"{body.List}:{body.EntryId}";
        return result.Outcome switch
        {
            DecisionOutcome.CustomerNotFound => CustomerNotFound(id),
            DecisionOutcome.HitNotFound => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
                detail: $"No screening of customer {id} had a hit on {hit}."),
            DecisionOutcome.Pending => Conflict($"A decision on {hit} for customer {id} is waiting for approval; approve or reject it first."),
            DecisionOutcome.AlreadyInForce => Conflict($"{hit} is already {body.Decision} for customer {id}."),
            DecisionOutcome.ConfirmedNotReversible => Conflict($"{hit} is a confirmed match for customer {id}; a confirmed match is not set aside."),
            _ => Results.Created($"/v1/customers/{id}/screening", ScreeningDecisionResponse.From(result.Decision!, result.ScreeningStatus!)),
        };
    }

    private static async Task<IResult> DecideAsync(
        string id, Guid decisionId, bool approve, ClaimsPrincipal user, HttpContext http, ScreeningDecisionStore store, CancellationToken cancellationToken)
    {
        var result = await store.DecideAsync(id, decisionId, approve, user.AuditPrincipal(), http.TraceIdentifier, cancellationToken);
        return result.Outcome switch
        {
            DecisionOutcome.CustomerNotFound => CustomerNotFound(id),
            DecisionOutcome.DecisionNotFound => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
                detail: $"Customer {id} has no screening decision {decisionId}."),
            DecisionOutcome.NotPending => Conflict($"Decision {decisionId} is {result.Decision!.State}; only a pending one is approved or rejected."),
            DecisionOutcome.SameOfficer => Conflict($"Decision {decisionId} was proposed by you; a second officer must approve or reject it."),
            _ => Results.Ok(ScreeningDecisionResponse.From(result.Decision!, result.ScreeningStatus!)),
        };
    }

    private static IResult Conflict(string detail) => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: detail);

    private static IResult CustomerNotFound(string id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No customer with id {id}.");
}
