namespace Compliance.Rules;

/// <summary>A structural problem of a workflow found without parsing expressions.</summary>
/// <param name="RulePath">The rule's path by names ("Parent/Child"), null for workflow-level problems.</param>
/// <param name="JsonPath">Where in the workflow object, e.g. "Rules[0].Rules[1].Operator".</param>
/// <param name="Field">The field concerned, e.g. "Operator" or "LocalParams[spent]".</param>
/// <param name="Message">RulesEngine's message text.</param>
internal sealed record StructuralProblem(string? RulePath, string JsonPath, string Field, string Message)
{
    public override string ToString() => $"{JsonPath}: {Message}";
}
