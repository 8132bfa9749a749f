using System.Collections.Immutable;

namespace Compliance.Api.RuleSets;

/// <summary>
/// The published version of each rule set, in use right now. Swapped whole (one reference write), so
/// a check reads it once and evaluates every rule of one version; nothing on the check path takes a lock.
/// </summary>
internal sealed class RuleSetCatalog
{
    private volatile PublishedRuleSet? _current;
    private ImmutableDictionary<string, PublishedRuleSet> _byName = ImmutableDictionary<string, PublishedRuleSet>.Empty;

    /// <summary>The pre-transaction rule set the check path uses.</summary>
    public PublishedRuleSet? Current => _current;

    /// <summary>The published version of <paramref name="name"/>, or null when none is loaded.</summary>
    public PublishedRuleSet? Get(string name) => Volatile.Read(ref _byName).GetValueOrDefault(name);

    public void Publish(PublishedRuleSet ruleSet)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        ImmutableInterlocked.AddOrUpdate(ref _byName, ruleSet.Name, ruleSet, (_, _) => ruleSet);
        if (ruleSet.Kind == RuleSetKind.PreTransaction)
        {
            _current = ruleSet;
        }
    }
}
