namespace Compliance.Rules;

/// <summary>An injected workflow a compiled snapshot was built from; the snapshot is stale once the registry holds another entry.</summary>
internal readonly record struct WorkflowDependency(string WorkflowName, WorkflowEntry Entry);
