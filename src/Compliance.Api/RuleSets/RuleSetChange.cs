namespace Compliance.Api.RuleSets;

/// <summary>The outcome of a change: the version as it now stands, or why nothing changed.</summary>
internal sealed record RuleSetChange(RuleSetChangeStatus Status, RuleSetVersionRow? Row = null, string? Detail = null, string? Field = null)
{
    public static RuleSetChange Done(RuleSetVersionRow row) => new(RuleSetChangeStatus.Done, row);

    public static RuleSetChange NotFound(string detail) => new(RuleSetChangeStatus.NotFound, Detail: detail);

    public static RuleSetChange Conflict(string detail) => new(RuleSetChangeStatus.Conflict, Detail: detail);

    public static RuleSetChange Forbidden(string detail) => new(RuleSetChangeStatus.Forbidden, Detail: detail);

    public static RuleSetChange Invalid(string field, string detail) => new(RuleSetChangeStatus.Invalid, Detail: detail, Field: field);
}
