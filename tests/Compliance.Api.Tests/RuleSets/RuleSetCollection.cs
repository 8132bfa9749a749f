namespace Compliance.Api.Tests.RuleSets;

/// <summary>
/// The rule set API tests start several hosts (two per instance test); run them one class at a time,
/// beside the other classes rather than all at once, so they do not crowd out timing-sensitive tests
/// on a small machine.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RuleSetCollection
{
    public const string Name = "Rule set API";
}
