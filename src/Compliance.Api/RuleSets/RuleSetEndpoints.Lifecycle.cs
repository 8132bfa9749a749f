using System.Security.Claims;
using Compliance.Api.Auth;

namespace Compliance.Api.RuleSets;

/// <summary>Submit, approve, reject, publish and roll back.</summary>
internal static partial class RuleSetEndpoints
{
    /// <summary>A draft goes to review only when it is valid and every one of its test cases passes.</summary>
    private static async Task<IResult> SubmitAsync(
        string name, int version, ClaimsPrincipal user, HttpContext http, RuleSetStore store, ILogger<RuleSetStore> logger, CancellationToken cancellationToken)
    {
        var row = await store.VersionAsync(name, version, cancellationToken);
        if (row is null)
        {
            return NotFound($"Rule set {name} has no version {version}.");
        }

        if (row.Status != "draft")
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: $"Version {version} is {row.Status}; only a draft can be submitted.");
        }

        var check = await RuleSetSubmission.CheckAsync(row, cancellationToken);
        if (check.Diagnostics.Count > 0)
        {
            return Results.ValidationProblem(check.Diagnostics.GroupBy(d => d.Field).ToDictionary(g => g.Key, g => g.Select(d => d.ToString()).ToArray()),
                title: "The version is invalid; it was not submitted.", extensions: new Dictionary<string, object?> { ["diagnostics"] = check.Diagnostics });
        }

        if (!check.Ready)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["tests"] = [.. check.TestFailures] },
                title: "The version's test cases do not pass; it was not submitted.", extensions: new Dictionary<string, object?> { ["testReport"] = check.Report });
        }

        return Answer(await store.SubmitAsync(name, version, row.ContentHash, user.AuditPrincipal(), http.TraceIdentifier, cancellationToken), logger);
    }

    private static async Task<IResult> ApproveAsync(
        string name, int version, ClaimsPrincipal user, HttpContext http, RuleSetStore store, ILogger<RuleSetStore> logger, CancellationToken cancellationToken) =>
        Answer(await store.ReviewAsync(name, version, approve: true, user.AuditPrincipal(), null, http.TraceIdentifier, cancellationToken), logger);

    private static async Task<IResult> RejectAsync(
        string name, int version, ReviewRequest? request, ClaimsPrincipal user, HttpContext http, RuleSetStore store, ILogger<RuleSetStore> logger,
        CancellationToken cancellationToken) =>
        Answer(await store.ReviewAsync(name, version, approve: false, user.AuditPrincipal(), request?.Note, http.TraceIdentifier, cancellationToken), logger);

    /// <summary>
    /// Publishes, then reloads this instance before answering, so the next check sent here after the
    /// 200 uses the new version; other instances follow on the notification.
    /// </summary>
    private static async Task<IResult> PublishAsync(
        string name, int version, ClaimsPrincipal user, HttpContext http, RuleSetStore store, RuleSetLoader loader, ILogger<RuleSetStore> logger,
        CancellationToken cancellationToken)
    {
        var change = await store.PublishAsync(name, version, user.AuditPrincipal(), http.TraceIdentifier, cancellationToken);
        if (change.Status == RuleSetChangeStatus.Done)
        {
            await ReloadAsync(loader, logger, cancellationToken);
        }

        return Answer(change, logger);
    }

    // The publish has committed: a failed reload here only delays this instance until the notification or the poll.
    internal static async Task ReloadAsync(RuleSetLoader loader, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            await loader.RefreshAsync(cancellationToken);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException or Storage.StartupException)
        {
            RuleSetLog.RefreshFailed(logger, e.GetType().Name);
        }
    }

    /// <summary>
    /// Creates a new version with an earlier published version's content: submitted for approval, or
    /// with <c>emergency</c> (admins only) published at once and audited as an emergency rollback.
    /// </summary>
    private static async Task<IResult> RollbackAsync(
        string name, RollbackRequest request, ClaimsPrincipal user, HttpContext http, RuleSetStore store, RuleSetLoader loader, ILogger<RuleSetStore> logger,
        CancellationToken cancellationToken)
    {
        if (request.ToVersion is not { } toVersion || toVersion <= 0)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["toVersion"] = ["toVersion is required: an earlier published version."] });
        }

        if (request.Emergency && !user.IsInRole(Roles.Admin))
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                detail: "Only an admin rolls back without approval; without emergency the rollback is submitted for approval.");
        }

        if (!request.Emergency && !user.IsInRole(Roles.RulesEdit))
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "Requesting a rollback needs rules:edit.");
        }

        var change = await store.RollbackAsync(name, toVersion, request.Emergency, user.AuditPrincipal(), http.TraceIdentifier, cancellationToken);
        if (change.Row is not { } row)
        {
            return Refused(change);
        }

        if (row.Status == "published")
        {
            await ReloadAsync(loader, logger, cancellationToken);
        }

        RuleSetLog.VersionChanged(logger, name, row.Version, row.Status);
        return Results.Created($"/v1/rulesets/{name}/versions/{row.Version}", VersionResponse.From(row, withContent: false));
    }
}
