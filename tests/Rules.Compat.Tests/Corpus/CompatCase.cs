using Compliance.Rules.Compat.Tests.Oracle;

namespace Compliance.Rules.Compat.Tests.Corpus;

/// <summary>
/// One workflow run: the workflows registered (RulesEngine's JSON, one object per string), the one
/// executed, its inputs and settings, and each top-level rule's expression (what a known difference
/// is matched on).
/// </summary>
public sealed record CompatCase(
    string Id, string Category, IReadOnlyList<string> Workflows, string WorkflowName, IReadOnlyList<CaseInput> Inputs,
    CompatSettings Settings, IReadOnlyDictionary<string, string> Expressions)
{
    public IEnumerable<InputKind> Kinds => Inputs.All(i => i.Typed is not null)
        ? [InputKind.Expando, InputKind.Json, InputKind.Typed]
        : [InputKind.Expando, InputKind.Json];
}
