using System.Security.Claims;
using System.Text.Json;
using Compliance.Api.Auth;
using Microsoft.Extensions.Options;

namespace Compliance.Api.RuleSets;

/// <summary>Test, backtest and diff: evidence of what a version does, without side effects.</summary>
internal static partial class RuleSetEndpoints
{
    /// <summary>With <c>samples</c>: a dry run on each sample's facts. With no body: the version's stored test cases.</summary>
    private static async Task<IResult> TestAsync(string name, int version, HttpContext http, RuleSetStore store, CancellationToken cancellationToken)
    {
        var row = await store.VersionAsync(name, version, cancellationToken);
        if (row is null)
        {
            return NotFound($"Rule set {name} has no version {version}.");
        }

        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(body))
        {
            return Results.Ok(await RuleSetTests.RunStoredAsync(row, cancellationToken));
        }

        DryRunRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<DryRunRequest>(body, RuleSetStore.Json);
        }
        catch (JsonException e)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["samples"] = [$"not valid sample facts at {e.Path}: {e.Message}"] });
        }

        if (request?.Samples is not { Count: > 0 and <= 1000 } samples)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["samples"] = ["samples must hold 1 to 1000 sample facts ({transaction, customer, velocity, counterparty})."] });
        }

        if (row.RuleSet != RuleSetKind.PreTransaction.Name)
        {
            return OnlyForChecks(row.RuleSet, "Dry runs take check facts");
        }

        var compiled = Compile(row, out var problem);
        return compiled is null ? problem! : Results.Ok(new { ruleSet = name, version, results = await RuleSetTests.DryRunAsync(compiled, samples) });
    }

    // Dry runs and backtests work on check facts; other rule sets are tested through their stored test cases.
    private static IResult OnlyForChecks(string name, string what) => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict",
        detail: $"{what}; rule set {name} does not decide checks. Test it with its stored test cases (POST with no body).");

    /// <summary>
    /// Starts a backtest of [from, to); answers 200 with the result when it finishes within
    /// <c>RuleSets:BacktestWaitMilliseconds</c>, else 202 with the job's Location to poll for progress.
    /// </summary>
    private static async Task<IResult> BacktestAsync(
        string name, int version, BacktestRequest request, ClaimsPrincipal user, RuleSetStore store, BacktestJobs jobs, IOptions<RuleSetOptions> options,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.From is null)
        {
            errors["from"] = ["from is required (inclusive, with an offset)."];
        }

        if (request.To is null)
        {
            errors["to"] = ["to is required (exclusive, with an offset)."];
        }
        else if (request.From is { } f && request.To <= f)
        {
            errors["to"] = ["to must be after from."];
        }

        if (request.MaxRows is <= 0)
        {
            errors["maxRows"] = ["maxRows must be positive."];
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }

        var row = await store.VersionAsync(name, version, cancellationToken);
        if (row is null)
        {
            return NotFound($"Rule set {name} has no version {version}.");
        }

        if (row.RuleSet != RuleSetKind.PreTransaction.Name)
        {
            return OnlyForChecks(row.RuleSet, "Backtests replay recorded checks");
        }

        var compiled = Compile(row, out var problem);
        if (compiled is null)
        {
            return problem!;
        }

        var settings = options.Value;
        var range = new BacktestRange(request.From!.Value, request.To!.Value, Math.Min(request.MaxRows ?? settings.BacktestMaxRows, settings.BacktestMaxRows));
        var id = await jobs.StartJobAsync(compiled, range, user.AuditPrincipal(), cancellationToken);
        var location = $"/v1/rulesets/{name}/backtests/{id}";
        await jobs.WaitAsync(id, TimeSpan.FromMilliseconds(settings.BacktestWaitMilliseconds), cancellationToken);
        var status = (await jobs.FindAsync(name, id, cancellationToken))!;
        return status.Status == "running" ? Results.Accepted(location, status) : Results.Ok(status);
    }

    private static async Task<IResult> GetBacktestAsync(string name, Guid id, BacktestJobs jobs, CancellationToken cancellationToken) =>
        await jobs.FindAsync(name, id, cancellationToken) is { } status
            ? Results.Ok(status)
            : NotFound($"No backtest {id} of {name} (finished backtests are kept for RuleSets:BacktestRetentionDays).");

    private static async Task<IResult> DiffAsync(string name, int? from, int? to, RuleSetStore store, CancellationToken cancellationToken)
    {
        if (from is null || to is null)
        {
            var errors = new Dictionary<string, string[]>();
            if (from is null)
            {
                errors["from"] = ["from is required: a version number."];
            }

            if (to is null)
            {
                errors["to"] = ["to is required: a version number."];
            }

            return Results.ValidationProblem(errors);
        }

        var a = await store.VersionAsync(name, from.Value, cancellationToken);
        var b = await store.VersionAsync(name, to.Value, cancellationToken);
        if (a is null || b is null)
        {
            return NotFound($"Rule set {name} has no version {(a is null ? from : to)}.");
        }

        return Results.Ok(RuleSetDiff.Compare(a, b));
    }

    private static PublishedRuleSet? Compile(RuleSetVersionRow row, out IResult? problem)
    {
        var compiled = PublishedRuleSet.TryCreate(row.RuleSet, row.Version, row.ContentHash, row.Workflow, RuleSetStore.ParseSettings(row.Settings), out var problems);
        problem = compiled is null
            ? Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: $"Version {row.Version} does not compile: {string.Join("; ", problems)}")
            : null;
        return compiled;
    }
}
