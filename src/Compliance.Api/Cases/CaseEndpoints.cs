using System.Security.Claims;
using Compliance.Api.Auth;

namespace Compliance.Api.Cases;

/// <summary>
/// <c>/v1/cases</c>: the review queue (role <c>cases:read</c>) and the officer's moves on a case
/// (role <c>cases:write</c>): claim, assign, escalate, close.
/// </summary>
internal static class CaseEndpoints
{
    private const int MaxLimit = 200;
    private const int MaxReasonLength = 2000;

    public static IEndpointRouteBuilder MapCases(this IEndpointRouteBuilder routes)
    {
        var cases = routes.MapGroup("/v1/cases").WithTags("Cases");
        cases.MapGet("", ListAsync).RequireAuthorization(Roles.CasesRead).WithName("ListCases").WithSummary("The review queue by inbox, state, assignee and reason, most urgent first").Produces<CasePage>();
        cases.MapGet("/{id:guid}", GetAsync).RequireAuthorization(Roles.CasesRead).WithName("GetCase").WithSummary("A case with its history, comments and the decision it is about").Produces<CaseDetail>();
        cases.MapPost("/{id:guid}/claim", (Guid id, ClaimsPrincipal user, HttpContext http, CaseStore store, TimeProvider time, CancellationToken ct) =>
            ChangeAsync(id, CaseAction.Claim, user, http, store, time, null, null, null, ct)).RequireAuthorization(Roles.CasesWrite).WithName("ClaimCase").WithSummary("Claim a case for yourself").Produces<CaseResponse>();
        cases.MapPost("/{id:guid}/assign", AssignAsync).RequireAuthorization(Roles.CasesWrite).WithName("AssignCase").WithSummary("Assign a case to an officer").Produces<CaseResponse>();
        cases.MapPost("/{id:guid}/escalate", (Guid id, ClaimsPrincipal user, HttpContext http, CaseStore store, TimeProvider time, CancellationToken ct) =>
            ChangeAsync(id, CaseAction.Escalate, user, http, store, time, null, null, null, ct)).RequireAuthorization(Roles.CasesWrite).WithName("EscalateCase").WithSummary("Escalate a case").Produces<CaseResponse>();
        cases.MapPost("/{id:guid}/close", CloseAsync).RequireAuthorization(Roles.CasesWrite).WithName("CloseCase").WithSummary("Close a case with a resolution; the payment system hears by webhook").Produces<CaseResponse>().Produces<CaseResponse>(StatusCodes.Status202Accepted);
        cases.MapPost("/{id:guid}/comments", CommentAsync).RequireAuthorization(Roles.CasesWrite).WithName("CommentOnCase").WithSummary("Comment on a case").Produces<CaseComment>(StatusCodes.Status201Created);
        return routes;
    }

    private static async Task<IResult> ListAsync(
        CaseStore store, TimeProvider time, string? inbox, string? state, string? assignee, string? reason, DateTimeOffset? dueBefore, string? after, int? limit,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (state is not null && !CaseStates.All.Contains(state))
        {
            errors["state"] = [$"state must be one of {string.Join(", ", CaseStates.All)}."];
        }

        if (limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"limit must be between 1 and {MaxLimit}."];
        }

        CaseCursor? cursor = null;
        if (after is not null && !CaseCursor.TryDecode(after, out cursor))
        {
            errors["after"] = ["after must be the next cursor of a previous page."];
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }

        var take = limit ?? 50;
        var rows = await store.PageAsync(new CaseFilter(inbox, state, assignee, reason, dueBefore), cursor, take, cancellationToken);
        var now = time.GetUtcNow();
        return Results.Ok(new CasePage([.. rows.Select(r => CaseResponse.From(r, now))], rows.Count == take ? CaseCursor.After(rows[^1]).Encode() : null));
    }

    private static async Task<IResult> GetAsync(Guid id, CaseViews views, CancellationToken cancellationToken) =>
        await views.LoadAsync(id, cancellationToken) is { } detail ? Results.Ok(detail) : NotFound(id);

    private static async Task<IResult> CommentAsync(
        Guid id, CommentRequest body, ClaimsPrincipal user, HttpContext http, CaseComments comments, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(body.Text) || body.Text.Length > MaxReasonLength)
        {
            errors["text"] = [$"text is required (at most {MaxReasonLength} characters)."];
        }

        byte[]? attachment = null;
        if (body.AttachmentSha256 is not null
            && (body.AttachmentSha256.Length != 64 || !body.AttachmentSha256.All(char.IsAsciiHexDigit)))
        {
            errors["attachmentSha256"] = ["attachmentSha256 must be the attachment's SHA-256 as 64 hex digits."];
        }
        else if (body.AttachmentSha256 is not null)
        {
            attachment = Convert.FromHexString(body.AttachmentSha256);
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }

        var (result, comment) = await comments.AddAsync(id, user.AuditPrincipal(), body.Text!.Trim(), attachment, http.TraceIdentifier, cancellationToken);
        return result switch
        {
            CommentResult.NotFound => NotFound(id),
            CommentResult.CustomerErased => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict",
                detail: $"Case {id}: its customer's data was erased, so nothing about them can be stored any more."),
            _ => Results.Created($"/v1/cases/{id}", comment),
        };
    }

    private static Task<IResult> AssignAsync(
        Guid id, AssignRequest body, ClaimsPrincipal user, HttpContext http, CaseStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body.Assignee) || body.Assignee.Length > 200)
        {
            return Task.FromResult(Results.ValidationProblem(new Dictionary<string, string[]> { ["assignee"] = ["assignee is required (at most 200 characters)."] }));
        }

        return ChangeAsync(id, CaseAction.Assign, user, http, store, time, body.Assignee.Trim(), null, null, cancellationToken);
    }

    private static Task<IResult> CloseAsync(
        Guid id, CloseRequest body, ClaimsPrincipal user, HttpContext http, CaseStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (body.Resolution is null || !CaseStates.Resolutions.Contains(body.Resolution))
        {
            errors["resolution"] = ["resolution must be approved, declined or reported."];
        }

        if (string.IsNullOrWhiteSpace(body.Reason) || body.Reason.Length > MaxReasonLength)
        {
            errors["reason"] = [$"reason is required (at most {MaxReasonLength} characters): why the case ends this way."];
        }

        return errors.Count > 0
            ? Task.FromResult(Results.ValidationProblem(errors))
            : ChangeAsync(id, CaseAction.Close, user, http, store, time, null, body.Resolution, body.Reason!.Trim(), cancellationToken);
    }

    private static async Task<IResult> ChangeAsync(
        Guid id, CaseAction action, ClaimsPrincipal user, HttpContext http, CaseStore store, TimeProvider time, string? assignee, string? resolution, string? reason,
        CancellationToken cancellationToken)
    {
        var result = await store.ChangeAsync(id, action, user.AuditPrincipal(), http.TraceIdentifier, assignee, resolution, reason, cancellationToken);
        var verb = action.ToString().ToLowerInvariant();
        return result.Change switch
        {
            CaseChange.NotFound => NotFound(id),
            CaseChange.WrongState => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict",
                detail: $"Case {id} is {result.StateBefore}; {verb} needs it {string.Join(" or ", CaseStates.AllowedFrom(action))}."),
            CaseChange.SameOfficer => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict",
                detail: $"Case {id}: closing as reported was requested by you; a second officer must confirm it."),
            CaseChange.NotForDispute => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict",
                detail: $"Case {id} is a dispute; it closes approved (the dispute is accepted) or declined (rejected)."),
            CaseChange.AwaitingSecondOfficer => Results.Accepted(null, CaseResponse.From(result.Case!, time.GetUtcNow())),
            _ => Results.Ok(CaseResponse.From(result.Case!, time.GetUtcNow())),
        };
    }

    private static IResult NotFound(Guid id) => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No case {id}.");
}
