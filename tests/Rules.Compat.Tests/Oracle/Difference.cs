using Compliance.Rules.Compat.Tests.Corpus;

namespace Compliance.Rules.Compat.Tests.Oracle;

/// <summary>
/// One way the two engines' answers to a case differ: for a rule (or the whole run), in one aspect,
/// with both engines' results for that rule (null for the whole run).
/// </summary>
public sealed record Difference(
    CompatCase Case, InputKind Kind, string Rule, string Aspect, string Ours, string Theirs, RuleView? OursRule, RuleView? TheirsRule)
{
    /// <summary>Under <see cref="InputKind.Json"/>: whether the same rule agreed in this aspect when both engines got the ExpandoObject.</summary>
    public bool ExpandoAgrees { get; init; }

    /// <summary>The expression of the top-level rule the difference is in ("" for the whole run).</summary>
    public string Expression => Case.Expressions.GetValueOrDefault(Rule.Split('/')[0]) ?? "";

    /// <summary>The full exception messages, or for a whole run what each engine threw.</summary>
    public string OursMessage => OursRule?.RawMessage ?? Ours;

    public string TheirsMessage => TheirsRule?.RawMessage ?? Theirs;

    public bool LateBound => Kind is InputKind.Expando or InputKind.Json;

    public override string ToString() =>
        $"{Case.Id} [{Kind}, {Case.Settings.Name}] {Rule} {Aspect}: ours {Ours} | RulesEngine {Theirs}" + (Expression.Length > 0 ? $"   `{Expression}`" : "");
}
