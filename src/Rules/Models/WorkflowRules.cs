namespace Compliance.Rules;

/// <summary>RulesEngine's obsolete name for <see cref="Workflow"/>.</summary>
[Obsolete("Use Workflow.")]
public class WorkflowRules : Workflow;
