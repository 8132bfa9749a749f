using System.Text.Json;
using Compliance.Api.Checks;
using static Compliance.Api.Storage.DbTime;

namespace Compliance.Api.RuleSets;

/// <summary>
/// A version's content to save. <c>workflow</c>, <c>settings</c> and <c>tests</c> are each either a JSON
/// value or a string holding the JSON text (the text is stored and hashed exactly; send a string to
/// get line:column positions of JSON syntax errors relative to your own text).
/// </summary>
internal sealed record VersionRequest(JsonElement? Workflow, JsonElement? Settings, JsonElement? Tests, int? BasedOn);

internal sealed record ReviewRequest(string? Note);

internal sealed record RollbackRequest(int? ToVersion, bool Emergency);

internal sealed record BacktestRequest(DateTimeOffset? From, DateTimeOffset? To, int? MaxRows);

/// <summary>Sample facts for a dry run: the four inputs rules see; an omitted input takes its defaults.</summary>
internal sealed record DryRunSample(string? Name, TransactionFacts? Transaction, CustomerFacts? Customer, VelocityFacts? Velocity, CounterpartyFacts? Counterparty);

internal sealed record DryRunRequest(IReadOnlyList<DryRunSample>? Samples);

internal sealed record RuleSetResponse(string Name, DateTimeOffset CreatedAt, int? PublishedVersion, int LatestVersion, VersionResponse? Published);

internal sealed record VersionResponse(
    string RuleSet, int Version, string Status, string ContentHash, string Author, int? BasedOn, DateTimeOffset CreatedAt,
    DateTimeOffset? SubmittedAt, string? ReviewedBy, DateTimeOffset? ReviewedAt, string? PublishedBy, DateTimeOffset? PublishedAt, DateTimeOffset? RetiredAt,
    string? Note, string? Workflow, string? Settings, string? Tests)
{
    public static VersionResponse From(RuleSetVersionRow row, bool withContent) => new(
        row.RuleSet, row.Version, row.Status, row.ContentHash, row.Author, row.BasedOn, Utc(row.CreatedAt),
        Utc(row.SubmittedAt), row.ReviewedBy, Utc(row.ReviewedAt), row.PublishedBy, Utc(row.PublishedAt), Utc(row.RetiredAt), row.Note,
        withContent ? row.Workflow : null, withContent ? row.Settings : null, withContent ? row.Tests : null);

}

internal sealed record RuleResult(string Rule, string Result, string? Error);

internal sealed record DryRunResult(string? Name, string Decision, int Score, IReadOnlyList<CheckReason> Reasons, IReadOnlyList<RuleResult> Rules);

internal sealed record TestFailure(string Rule, string Message);

internal sealed record TestCaseResult(string Name, bool Passed, string? Error, IReadOnlyList<TestFailure> Failures);

internal sealed record TestReport(bool Passed, int Cases, int FailedCases, IReadOnlyList<TestCaseResult> Results, IReadOnlyList<string> Errors);

/// <summary>One field of a rule, global param or the settings that differs: its JSON before and after (null when absent).</summary>
internal sealed record FieldChange(string Field, string? From, string? To);

/// <summary>A rule or global param by name: <c>added</c>, <c>removed</c> or <c>changed</c> (with its changed fields).</summary>
internal sealed record ItemChange(string Name, string Change, IReadOnlyList<FieldChange> Fields);

internal sealed record RuleSetDiffResult(
    string RuleSet, int From, int To, bool SameContent, IReadOnlyList<ItemChange> Rules, IReadOnlyList<ItemChange> GlobalParams,
    IReadOnlyList<FieldChange> Settings, bool SameTests);
