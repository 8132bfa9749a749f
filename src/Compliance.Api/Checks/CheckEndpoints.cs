using System.Diagnostics;
using System.IO.Pipelines;
using System.Security.Claims;
using System.Text.Json;
using Compliance.Api.Audit;
using Compliance.Api.Auth;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Compliance.Api.Checks;

/// <summary><c>/v1/checks</c>: decide before money moves, read a decision back, report what happened.</summary>
internal static class CheckEndpoints
{
    public const string ReadPolicy = "checks:read";

    private static readonly string[] Outcomes = ["completed", "reversed", "failed"];

    public static IEndpointRouteBuilder MapChecks(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/checks").WithTags("Checks");
        group.MapPost("/", CheckAsync).RequireAuthorization(Roles.ChecksWrite).WithName("Check").WithSummary("Decide a payment before it moves: allow, review or block, with the reasons")
            .Accepts<CheckRequest>("application/json").Produces<CheckResponse>();
        group.MapGet("/{transactionId}", GetAsync).RequireAuthorization(ReadPolicy).WithName("GetCheck").WithSummary("A stored decision by transaction id").Produces<StoredDecision>();
        group.MapPost("/{transactionId}/outcome", OutcomeAsync).RequireAuthorization(Roles.ChecksWrite).WithName("ReportCheckOutcome").WithSummary("Report whether a decided transaction completed, was reversed or failed (reversed and failed stop counting towards velocity)").Produces(StatusCodes.Status204NoContent);
        return routes;
    }

    private static async Task<IResult> CheckAsync(
        HttpContext http, CheckService service, TimeProvider time, IOptions<CheckOptions> options, ComplianceMetrics metrics, ILogger<CheckService> logger)
    {
        var started = Stopwatch.GetTimestamp();
        var body = await ReadBodyAsync(http.Request.BodyReader, http.RequestAborted);
        if (body is null)
        {
            return Invalid(new() { ["body"] = [$"The body is larger than {CheckRequestParser.MaxBodyBytes / 1024} KB."] });
        }

        var (request, hash, errors) = CheckRequestParser.Parse(body.Value, time.GetUtcNow());
        if (request is null)
        {
            return Invalid(errors);
        }

        // Fail closed within a bounded time: a check that cannot be decided and stored is not allowed.
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        budget.CancelAfter(options.Value.TimeoutMilliseconds);
        try
        {
            var (result, conversionErrors) = await service.CheckAsync(request, hash, http.User.KeyId(), budget.Token);
            if (result is null)
            {
                return Invalid(conversionErrors!);
            }

            metrics.CheckDuration(Stopwatch.GetElapsedTime(started).TotalMilliseconds, result.IsReplay ? "replay" : result.IsConflict ? "conflict" : "decided");
            if (result.IsConflict)
            {
                return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict",
                    detail: $"Transaction {request.TransactionId} was already checked with a different body; a transaction id identifies one request.");
            }

            return Results.Content(result.Response!, "application/json", statusCode: StatusCodes.Status200OK);
        }
        catch (Exception e) when (!http.RequestAborted.IsCancellationRequested && IsUnavailable(e))
        {
            CheckLog.Unavailable(logger, request.TransactionId, e.GetType().Name);
            metrics.CheckDuration(Stopwatch.GetElapsedTime(started).TotalMilliseconds, "unavailable");
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable",
                detail: "The check could not be decided and stored in time; nothing was stored. Retry with the same transaction id.");
        }
    }

    private static async Task<IResult> GetAsync(string transactionId, CheckStore store, CancellationToken cancellationToken)
    {
        var row = await store.FindAsync(transactionId, cancellationToken);
        if (row is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No check for transaction {transactionId}.");
        }

        var response = JsonSerializer.Deserialize<CheckResponse>(row.Response, CheckService.Json)!;
        using var request = JsonDocument.Parse(row.Request);
        using var facts = JsonDocument.Parse(row.Facts);
        return Results.Ok(new StoredDecision(response, request.RootElement.Clone(), facts.RootElement.Clone(), row.Outcome,
            row.OutcomeAt is { } at ? new DateTimeOffset(at, TimeSpan.Zero) : null, row.CaseId, row.FinalDecision,
            row.FinalizedAt is { } finalizedAt ? new DateTimeOffset(finalizedAt, TimeSpan.Zero) : null));
    }

    private static async Task<IResult> OutcomeAsync(
        string transactionId, OutcomeRequest body, ClaimsPrincipal user, HttpContext http, CheckStore store, AuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        if (body.Outcome is null || !Outcomes.Contains(body.Outcome))
        {
            return Invalid(new() { ["outcome"] = ["outcome must be completed, reversed or failed."] });
        }

        return await store.RecordOutcomeAsync(transactionId, body.Outcome, user.AuditPrincipal(), http.TraceIdentifier, audit, time.GetUtcNow(), cancellationToken) switch
        {
            OutcomeResult.NotFound => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No check for transaction {transactionId}."),
            OutcomeResult.NotAllowed => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict",
                detail: "That outcome cannot follow the one already reported (only completed may become reversed)."),
            _ => Results.NoContent(),
        };
    }

    private static bool IsUnavailable(Exception e) => e is NpgsqlException or TimeoutException or OperationCanceledException
        || e.InnerException is TimeoutException or OperationCanceledException;

    /// <summary>The body, or null when it exceeds the limit (read no further than that).</summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(PipeReader reader, CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await reader.ReadAsync(cancellationToken);
            if (read.Buffer.Length > CheckRequestParser.MaxBodyBytes)
            {
                reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
                return null;
            }

            if (read.IsCompleted)
            {
                var bytes = System.Buffers.BuffersExtensions.ToArray(read.Buffer);
                reader.AdvanceTo(read.Buffer.End);
                return bytes;
            }

            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }

    private static IResult Invalid(Dictionary<string, string[]> errors) => Results.ValidationProblem(errors, title: "The check request is invalid; nothing was stored.");
}
