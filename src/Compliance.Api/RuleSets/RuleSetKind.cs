using Compliance.Api.Checks;
using Compliance.Api.Disputes;
using Compliance.Rules;

namespace Compliance.Api.RuleSets;

/// <summary>
/// A rule set the service evaluates: its name, the typed inputs its rules read, and the outcomes a
/// rule may name. Every version of a rule set is validated, tested and compiled against its kind.
/// </summary>
internal sealed record RuleSetKind(string Name, IReadOnlyList<RuleParameter> Shape, IReadOnlySet<string> Outcomes, Func<object[]> EmptyInputs)
{
    /// <summary>The synchronous check: <c>block</c> or <c>review</c>, or a score-only rule.</summary>
    public static readonly RuleSetKind PreTransaction = new(CheckInputs.RuleSetName, CheckInputs.Shape,
        new HashSet<string>(StringComparer.Ordinal) { "block", "review" },
        () => [new TransactionFacts(), new CustomerFacts(), new VelocityFacts(), new CounterpartyFacts()]);

    /// <summary>Disputes: the automatic step a dispute takes (docs/disputes.md).</summary>
    public static readonly RuleSetKind Disputes = new(DisputeInputs.RuleSetName, DisputeInputs.Shape,
        new HashSet<string>(StringComparer.Ordinal) { "accept", "reject", "evidence", "review", "escalate" },
        () => [new DisputeFacts(), new TransactionFacts(), new CustomerFacts()]);

    public static IReadOnlyList<RuleSetKind> All { get; } = [PreTransaction, Disputes];

    public static RuleSetKind? Find(string name) => All.FirstOrDefault(k => k.Name == name);

    /// <summary>What a rule that fails to evaluate may count as: an outcome that needs no score, or nothing.</summary>
    public IEnumerable<string> ErrorPolicies => Outcomes.Where(o => o is "block" or "review" or "escalate").Append("ignore");

    /// <summary>The inputs by name, in <see cref="Shape"/> order, for the result-tree path.</summary>
    public RuleParameter[] Parameters(object[] inputs) => [.. Shape.Select((p, i) => new RuleParameter(p.Name, inputs[i]))];
}
