namespace Compliance.Rules.Compat.Tests.Oracle;

/// <summary>One engine's answer to a case: the rules' results, or the exception the execution threw.</summary>
public sealed record EngineRun(IReadOnlyList<RuleView>? Rules, string? Threw, string? ThrewMessage)
{
    public static EngineRun Of(IReadOnlyList<RuleView> rules) => new(rules, null, null);

    public static EngineRun Of(Exception e) => new(null, e.GetType().Name, e.Message);
}
