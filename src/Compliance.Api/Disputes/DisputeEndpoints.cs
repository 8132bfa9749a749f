using System.Security.Claims;
using Compliance.Api.Auth;
using Compliance.Api.Cases;
using Compliance.Api.Customers;
using Microsoft.Extensions.Options;

namespace Compliance.Api.Disputes;

/// <summary>
/// <c>/v1/disputes</c>: a client disputes a past transaction (role <c>checks:write</c>), sends the
/// evidence the rules asked for, and reads where its dispute stands. Officers work dispute cases
/// through <c>/v1/cases</c>; closing one approved accepts the dispute, declined rejects it.
/// </summary>
internal static class DisputeEndpoints
{
    public const string ReadPolicy = "disputes:read";

    private const int MaxDescriptionLength = 2000;

    public static IEndpointRouteBuilder MapDisputes(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/disputes").WithTags("Disputes");
        group.MapPost("", OpenAsync).RequireAuthorization(Roles.ChecksWrite).WithName("OpenDispute").WithSummary("Open a dispute about a decided transaction").Produces<DisputeResponse>(StatusCodes.Status201Created).Produces<DisputeResponse>();
        group.MapGet("/{disputeId}", GetAsync).RequireAuthorization(ReadPolicy).WithName("GetDispute").WithSummary("A dispute with its evidence and case").Produces<DisputeResponse>();
        group.MapPost("/{disputeId}/evidence", EvidenceAsync).RequireAuthorization(Roles.ChecksWrite).WithName("AddDisputeEvidence").WithSummary("Add evidence to an open dispute").Produces<DisputeResponse>();
        return routes;
    }

    private static async Task<IResult> OpenAsync(DisputeRequest body, ClaimsPrincipal user, HttpContext http, DisputeService service, CancellationToken cancellationToken)
    {
        var errors = Validate(body);
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: "The dispute is invalid; nothing was stored.");
        }

        var result = await service.OpenAsync(body, user.KeyId(), user.AuditPrincipal(), http.TraceIdentifier, cancellationToken);
        return result.Status switch
        {
            DisputeOpenStatus.Opened => Results.Created($"/v1/disputes/{body.DisputeId}", DisputeResponse.From(result.Dispute!)),
            DisputeOpenStatus.Replayed => Results.Ok(DisputeResponse.From(result.Dispute!)),
            DisputeOpenStatus.Conflict => Conflict($"Dispute {body.DisputeId} was already opened with a different body; a dispute id identifies one request."),
            DisputeOpenStatus.TransactionNotFound => NotFound($"No check for transaction {body.TransactionId}."),
            DisputeOpenStatus.Invalid => Results.ValidationProblem(new Dictionary<string, string[]> { [result.Field!] = [result.Detail!] },
                title: "The dispute is invalid; nothing was stored."),
            _ => Conflict(result.Detail!),
        };
    }

    private static Dictionary<string, string[]> Validate(DisputeRequest body)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (body.DisputeId is null || !CustomerId.IsValid(body.DisputeId))
        {
            errors["disputeId"] = ["disputeId is required: 1 to 128 characters of letters, digits, '.', '_', ':' or '-'."];
        }

        if (body.TransactionId is null || !CustomerId.IsValid(body.TransactionId))
        {
            errors["transactionId"] = ["transactionId is required: the id of a checked transaction."];
        }

        if (body.Kind is null || !DisputeService.Kinds.Contains(body.Kind))
        {
            errors["kind"] = ["kind must be chargeback or complaint."];
        }

        if (body.Reason is null || !DisputeService.Reasons.Contains(body.Reason))
        {
            errors["reason"] = [$"reason must be one of {string.Join(", ", DisputeService.Reasons)}."];
        }

        if (body.Amount is { } amount && (amount <= 0 || decimal.Round(amount, 4) != amount))
        {
            errors["amount"] = ["amount must be positive, with at most 4 decimals; leave it out to dispute the whole transaction."];
        }

        if (body.Currency is { } currency && (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper)))
        {
            errors["currency"] = ["currency must be an ISO 4217 code such as EUR."];
        }

        return errors;
    }

    private static async Task<IResult> GetAsync(string disputeId, DisputeStore store, CancellationToken cancellationToken) =>
        await store.FindAsync(disputeId, cancellationToken) is { } row ? Results.Ok(DisputeResponse.From(row)) : NotFound($"No dispute {disputeId}.");

    private static async Task<IResult> EvidenceAsync(
        string disputeId, EvidenceRequest body, ClaimsPrincipal user, HttpContext http, DisputeStore store, CaseComments comments, IOptionsMonitor<DisputeOptions> options,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (body.AttachmentSha256 is not { Length: 64 } hash || !hash.All(char.IsAsciiHexDigit))
        {
            errors["attachmentSha256"] = ["attachmentSha256 is required: the evidence document's SHA-256 as 64 hex digits (the document stays with you)."];
        }

        if (body.Description is { } description && (string.IsNullOrWhiteSpace(description) || description.Length > MaxDescriptionLength))
        {
            errors["description"] = [$"description, when given, must be text of at most {MaxDescriptionLength} characters."];
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: "The evidence is invalid; nothing was stored.");
        }

        var principal = user.AuditPrincipal();
        var attachment = Convert.FromHexString(body.AttachmentSha256!);
        var (row, refused) = await store.EvidenceAsync(disputeId,
            async (connection, transaction, dispute) => (await comments.AddAsync(connection, transaction, dispute.CaseId, principal,
                body.Description?.Trim() ?? "Evidence from the client.", attachment, http.TraceIdentifier, cancellationToken)).Result == CommentResult.Added,
            TimeSpan.FromHours(options.CurrentValue.ReviewSlaHours), principal, http.TraceIdentifier, Convert.ToHexStringLower(attachment), time.GetUtcNow(),
            cancellationToken);
        return row is null ? NotFound($"No dispute {disputeId}.")
            : refused is not null ? Conflict(refused)
            : Results.Ok(DisputeResponse.From(row));
    }

    private static IResult NotFound(string detail) => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);

    private static IResult Conflict(string detail) => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: detail);
}
