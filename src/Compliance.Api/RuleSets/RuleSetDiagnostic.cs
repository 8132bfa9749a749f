namespace Compliance.Api.RuleSets;

/// <summary>
/// One problem with a saved version, precise enough for an editor to underline: the request field
/// (<c>workflow</c>, <c>settings</c>, <c>tests</c>), the rule path and field inside the workflow, the
/// JSON path, and the 1-based line:column (inside the expression for expression errors, inside the
/// field's text for JSON errors).
/// </summary>
internal sealed record RuleSetDiagnostic(string Field, string? RulePath, string? Location, string? JsonPath, int? Line, int? Column, string Message)
{
    public override string ToString()
    {
        var where = RulePath is null ? Location ?? JsonPath : Location is null or "Expression" ? $"rule {RulePath}" : $"rule {RulePath}, {Location}";
        var position = Line is null ? "" : $" {Line}:{Column}";
        return where is null ? $"{Message}" : $"{where}{position}: {Message}";
    }
}
