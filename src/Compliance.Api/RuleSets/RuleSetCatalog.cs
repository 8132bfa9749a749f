namespace Compliance.Api.RuleSets;

/// <summary>
/// The rule set checks use right now. Swapped whole (one reference write), so a check reads it once
/// and evaluates every rule of one version; nothing on the check path takes a lock.
/// </summary>
internal sealed class RuleSetCatalog
{
    private volatile PublishedRuleSet? _current;

    public PublishedRuleSet? Current => _current;

    public void Publish(PublishedRuleSet ruleSet) => _current = ruleSet;
}
