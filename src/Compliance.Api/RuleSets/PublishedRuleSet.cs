using System.Collections.Immutable;
using Compliance.Rules;

namespace Compliance.Api.RuleSets;

/// <summary>
/// A published rule set version, compiled for the check's typed facts: immutable, so a check that
/// picked it up finishes on it whatever is published meanwhile.
/// </summary>
internal sealed class PublishedRuleSet
{
    private readonly ImmutableDictionary<string, IReadOnlyList<string>> _tags;

    private PublishedRuleSet(
        RuleSetKind kind, string name, int version, string contentHash, RuleSetSettings settings, RulesEngine engine, CompiledWorkflow workflow, ImmutableArray<RuleMeta> rules)
    {
        Kind = kind;
        Engine = engine;
        Templates = [.. rules.Select(r => MessageTemplate.Parse(r.MessageTemplate ?? r.ReasonCode))];
        Name = name;
        Version = version;
        ContentHash = contentHash;
        Settings = settings;
        Workflow = workflow;
        Rules = rules;
        _tags = rules.Where(r => r.Tags.Count > 0).ToImmutableDictionary(r => r.RuleName, r => r.Tags, StringComparer.Ordinal);
    }

    public RuleSetKind Kind { get; }

    public string Name { get; }

    public int Version { get; }

    public string ContentHash { get; }

    public RuleSetSettings Settings { get; }

    public CompiledWorkflow Workflow { get; }

    /// <summary>The engine holding this version alone: it renders the messages of the rules that fired.</summary>
    public RulesEngine Engine { get; }

    /// <summary>Each rule's ErrorMessage, parsed once: for our rules it describes the hit, with <c>$(...)</c> values.</summary>
    public ImmutableArray<MessageTemplate> Templates { get; }

    /// <summary>Aligned with <see cref="CompiledWorkflow.RuleNames"/>.</summary>
    public ImmutableArray<RuleMeta> Rules { get; }

    /// <summary>The tags of the rule named <paramref name="ruleName"/> (empty for none or an unknown name): what case routes match.</summary>
    public IReadOnlyList<string> TagsOf(string ruleName) => _tags.TryGetValue(ruleName, out var tags) ? tags : [];

    /// <summary>Compiles a version; null with the problems when it cannot serve checks.</summary>
    public static PublishedRuleSet? TryCreate(string name, int version, string contentHash, string workflowJson, RuleSetSettings settings, out IReadOnlyList<string> problems)
    {
        var list = new List<string>();
        problems = list;
        if (RuleSetKind.Find(name) is not { } kind)
        {
            list.Add($"there is no rule set {name}; the service evaluates {string.Join(", ", RuleSetKind.All.Select(k => k.Name))}");
            return null;
        }

        if (!WorkflowJson.TryParse(workflowJson, out var workflows, out var error))
        {
            list.Add(error.ToString());
            return null;
        }

        var workflow = workflows.FirstOrDefault(w => w.WorkflowName == name);
        if (workflow is null)
        {
            list.Add($"the rule set's workflow must be named {name}");
            return null;
        }

        var engine = new RulesEngine(new ReSettings());
        list.AddRange(engine.Validate(workflow, kind.Shape).Select(p => p.ToString()));
        if (list.Count > 0)
        {
            return null;
        }

        if (!RuleSetSettings.EvidenceMissedSteps.Contains(settings.OnEvidenceMissed))
        {
            list.Add("settings.onEvidenceMissed must be reject, accept or review");
            return null;
        }

        engine.AddWorkflow(workflow);
        var compiled = engine.Compile(name, kind.Shape);
        var byName = (workflow.Rules ?? []).Where(r => r.Enabled).ToDictionary(r => r.RuleName, StringComparer.Ordinal);
        var rules = compiled.RuleNames.Select(n => RuleMeta.From(byName[n], kind, list)).ToImmutableArray();
        if (list.Count > 0)
        {
            return null;
        }

        // Compile the result-tree path now (it renders reasons), so no live check pays for it.
        _ = engine.ExecuteAllRulesAsync(name, kind.Parameters(kind.EmptyInputs())).AsTask().GetAwaiter().GetResult();
        return new PublishedRuleSet(kind, name, version, contentHash, settings, engine, compiled, rules);
    }
}
