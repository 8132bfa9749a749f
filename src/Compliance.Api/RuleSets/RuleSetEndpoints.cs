using System.Security.Claims;
using System.Text.Json;
using Compliance.Api.Auth;
using static Compliance.Api.Storage.DbTime;

namespace Compliance.Api.RuleSets;

/// <summary>
/// <c>/v1/rulesets</c>: officers edit rule sets as versions (draft, submit, four-eyes approval,
/// publish, rollback), test them on sample facts and backtest them on recorded decisions.
/// </summary>
internal static partial class RuleSetEndpoints
{
    public const string ReadPolicy = "rules:read";

    public const string PublishPolicy = "rules:publish";

    public const string RollbackPolicy = "rules:rollback";

    public static IEndpointRouteBuilder MapRuleSets(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/rulesets").WithTags("Rule sets");
        group.MapGet("/", ListAsync).RequireAuthorization(ReadPolicy).WithName("ListRuleSets").WithSummary("Rule sets with their published and draft versions").Produces<List<RuleSetResponse>>();
        group.MapGet("/{name}", GetAsync).RequireAuthorization(ReadPolicy).WithName("GetRuleSet").WithSummary("A rule set and its published version").Produces<RuleSetResponse>();
        group.MapGet("/{name}/versions", VersionsAsync).RequireAuthorization(ReadPolicy).WithName("ListRuleSetVersions").WithSummary("A rule set's versions with their states").Produces<List<VersionResponse>>();
        group.MapGet("/{name}/versions/{version:int}", VersionAsync).RequireAuthorization(ReadPolicy).WithName("GetRuleSetVersion").WithSummary("One version of a rule set: workflow, settings and tests").Produces<VersionResponse>();
        group.MapGet("/{name}/diff", DiffAsync).RequireAuthorization(ReadPolicy).WithName("DiffRuleSetVersions").WithSummary("The differences between two versions of a rule set").Produces<RuleSetDiffResult>();
        group.MapPost("/{name}/versions", CreateAsync).RequireAuthorization(Roles.RulesEdit).WithName("CreateRuleSetVersion").WithSummary("Create a draft version of a rule set").Produces<VersionResponse>(StatusCodes.Status201Created);
        group.MapPut("/{name}/versions/{version:int}", UpdateAsync).RequireAuthorization(Roles.RulesEdit).WithName("UpdateRuleSetVersion").WithSummary("Edit a draft version").Produces<VersionResponse>();
        group.MapPost("/{name}/versions/{version:int}/test", TestAsync).RequireAuthorization(ReadPolicy).WithName("TestRuleSetVersion").WithSummary("Run a version's tests, or given facts, without side effects").Produces<TestReport>();
        group.MapPost("/{name}/versions/{version:int}/backtest", BacktestAsync).RequireAuthorization(ReadPolicy).WithName("BacktestRuleSetVersion").WithSummary("Start a backtest of a version over stored decisions").Produces<BacktestStatus>(StatusCodes.Status202Accepted).Produces<BacktestStatus>();
        group.MapGet("/{name}/backtests/{id:guid}", GetBacktestAsync).RequireAuthorization(ReadPolicy).WithName("GetRuleSetBacktest").WithSummary("A backtest's progress and results").Produces<BacktestStatus>();
        group.MapPost("/{name}/versions/{version:int}/submit", SubmitAsync).RequireAuthorization(Roles.RulesEdit).WithName("SubmitRuleSetVersion").WithSummary("Submit a draft for a second officer's approval").Produces<VersionResponse>();
        group.MapPost("/{name}/versions/{version:int}/approve", ApproveAsync).RequireAuthorization(Roles.RulesApprove).WithName("ApproveRuleSetVersion").WithSummary("Approve a submitted version (not its author)").Produces<VersionResponse>();
        group.MapPost("/{name}/versions/{version:int}/reject", RejectAsync).RequireAuthorization(Roles.RulesApprove).WithName("RejectRuleSetVersion").WithSummary("Reject a submitted version").Produces<VersionResponse>();
        group.MapPost("/{name}/versions/{version:int}/publish", PublishAsync).RequireAuthorization(PublishPolicy).WithName("PublishRuleSetVersion").WithSummary("Publish an approved version: checks use it without a restart").Produces<VersionResponse>();
        group.MapPost("/{name}/rollback", RollbackAsync).RequireAuthorization(RollbackPolicy).WithName("RollbackRuleSet").WithSummary("Roll back to an earlier version: approved like any change, or published at once by an admin in an emergency").Produces<VersionResponse>(StatusCodes.Status201Created).Produces<VersionResponse>();
        return routes;
    }

    private static async Task<IResult> ListAsync(RuleSetStore store, CancellationToken cancellationToken) =>
        Results.Ok((await store.RuleSetsAsync(cancellationToken)).Select(s => new RuleSetResponse(s.Name, Utc(s.CreatedAt), s.PublishedVersion, s.LatestVersion, null)));

    private static async Task<IResult> GetAsync(string name, RuleSetStore store, CancellationToken cancellationToken)
    {
        var summary = await store.RuleSetAsync(name, cancellationToken);
        if (summary is null)
        {
            return NotFound($"There is no rule set {name}.");
        }

        var published = await store.PublishedAsync(name, cancellationToken);
        return Results.Ok(new RuleSetResponse(summary.Name, Utc(summary.CreatedAt), summary.PublishedVersion, summary.LatestVersion,
            published is null ? null : VersionResponse.From(published, withContent: true)));
    }

    private static async Task<IResult> VersionsAsync(string name, RuleSetStore store, CancellationToken cancellationToken)
    {
        if (await store.RuleSetAsync(name, cancellationToken) is null)
        {
            return NotFound($"There is no rule set {name}.");
        }

        return Results.Ok((await store.VersionsAsync(name, cancellationToken)).Select(v => VersionResponse.From(v, withContent: false)));
    }

    private static async Task<IResult> VersionAsync(string name, int version, RuleSetStore store, CancellationToken cancellationToken) =>
        await store.VersionAsync(name, version, cancellationToken) is { } row
            ? Results.Ok(VersionResponse.From(row, withContent: true))
            : NotFound($"Rule set {name} has no version {version}.");

    private static async Task<IResult> CreateAsync(
        string name, VersionRequest request, ClaimsPrincipal user, HttpContext http, RuleSetStore store, ILogger<RuleSetStore> logger, CancellationToken cancellationToken)
    {
        var (content, invalid) = Content(name, request);
        if (invalid is not null)
        {
            return invalid;
        }

        var change = await store.CreateDraftAsync(name, content!, user.AuditPrincipal(), http.TraceIdentifier, cancellationToken);
        if (change.Row is { } row)
        {
            RuleSetLog.VersionChanged(logger, name, row.Version, row.Status);
            return Results.Created($"/v1/rulesets/{name}/versions/{row.Version}", VersionResponse.From(row, withContent: false));
        }

        return Refused(change);
    }

    private static async Task<IResult> UpdateAsync(
        string name, int version, VersionRequest request, ClaimsPrincipal user, HttpContext http, RuleSetStore store, ILogger<RuleSetStore> logger,
        CancellationToken cancellationToken)
    {
        var (content, invalid) = Content(name, request);
        if (invalid is not null)
        {
            return invalid;
        }

        return Answer(await store.UpdateDraftAsync(name, version, content!, user.AuditPrincipal(), http.TraceIdentifier, cancellationToken), logger);
    }

    /// <summary>The content as stored, or 400 with every diagnostic: an editor underlines each one.</summary>
    private static (RuleSetContent? Content, IResult? Invalid) Content(string name, VersionRequest request)
    {
        if (RuleSetKind.Find(name) is null)
        {
            return (null, NotFound($"There is no rule set {name}."));
        }

        var errors = new Dictionary<string, string[]>();
        var workflow = Text(request.Workflow);
        if (workflow is null)
        {
            errors["workflow"] = ["workflow is required: the rule set's workflow in RulesEngine JSON."];
        }

        if (request.BasedOn is <= 0)
        {
            errors["basedOn"] = ["basedOn must be a version number."];
        }

        if (errors.Count > 0)
        {
            return (null, Results.ValidationProblem(errors, title: "The version is invalid; nothing was saved."));
        }

        var content = new RuleSetContent(workflow!, Text(request.Settings) ?? "{}", Text(request.Tests), request.BasedOn);
        var diagnostics = RuleSetValidator.Validate(name, content);
        if (diagnostics.Count == 0)
        {
            return (content, null);
        }

        var byField = diagnostics.GroupBy(d => d.Field).ToDictionary(g => g.Key, g => g.Select(d => d.ToString()).ToArray());
        return (null, Results.ValidationProblem(byField, title: "The version is invalid; nothing was saved.",
            extensions: new Dictionary<string, object?> { ["diagnostics"] = diagnostics }));
    }

    private static string? Text(JsonElement? value) => value switch
    {
        null => null,
        { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        { ValueKind: JsonValueKind.String } e => e.GetString(),
        { } e => e.GetRawText(),
    };

    private static IResult Answer(RuleSetChange change, ILogger logger, int status = StatusCodes.Status200OK)
    {
        if (change.Row is not { } row)
        {
            return Refused(change);
        }

        RuleSetLog.VersionChanged(logger, row.RuleSet, row.Version, row.Status);
        return Results.Json(VersionResponse.From(row, withContent: false), statusCode: status);
    }

    private static IResult Refused(RuleSetChange change) => change.Status switch
    {
        RuleSetChangeStatus.NotFound => NotFound(change.Detail!),
        RuleSetChangeStatus.Forbidden => Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: change.Detail),
        RuleSetChangeStatus.Invalid => Results.ValidationProblem(
            new Dictionary<string, string[]> { [change.Field ?? "body"] = [change.Detail ?? "invalid"] }),
        _ => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: change.Detail),
    };

    private static IResult NotFound(string detail) => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);
}
