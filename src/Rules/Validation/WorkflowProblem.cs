namespace Compliance.Rules;

/// <summary>
/// One problem found by <see cref="RulesEngine.Validate(Workflow)"/>, without executing anything.
/// </summary>
/// <param name="WorkflowName">The workflow.</param>
/// <param name="RulePath">The rule by names from the top ("LargeAmount/Child"); null for workflow-level problems.</param>
/// <param name="Field">"Expression", "LocalParams[spent]", "GlobalParams[country]", "Actions.OnSuccess", "Operator", ...</param>
/// <param name="Line">1-based line inside the expression text, when the problem is in an expression.</param>
/// <param name="Column">1-based column inside the expression text.</param>
/// <param name="Message">What is wrong (and, for syntax errors, what was expected).</param>
public sealed record WorkflowProblem(string WorkflowName, string? RulePath, string Field, int? Line, int? Column, string Message)
{
    /// <summary>E.g. "pre-transaction: rule LargeAmount, 1:17: unexpected ')', expected an expression".</summary>
    public override string ToString()
    {
        var where = RulePath is null ? Field : Field == "Expression" ? $"rule {RulePath}" : $"rule {RulePath}, {Field}";
        var position = Line is null ? "" : $", {Line}:{Column}";
        return $"{WorkflowName}: {where}{position}: {Message}";
    }
}
