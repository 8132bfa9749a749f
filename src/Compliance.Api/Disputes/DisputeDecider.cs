using Compliance.Api.Checks;
using Compliance.Api.RuleSets;
using Compliance.Rules;

namespace Compliance.Api.Disputes;

/// <summary>What the dispute rules decided: the step, why, and how long it may take (null: the configured default).</summary>
internal sealed record DisputeDecision(string Step, IReadOnlyList<CheckReason> Reasons, int? DeadlineHours);

/// <summary>
/// Turns dispute rule outcomes into one step. Steps that need a person win over automatic ones, and
/// refusing over asking, over accepting: <c>escalate</c> &gt; <c>review</c> &gt; <c>reject</c> &gt;
/// <c>evidence</c> &gt; <c>accept</c>. When no rule fires, an officer reviews it (every dispute gets an
/// answer). A rule that fails to evaluate counts as its <c>onError</c> step (review by default).
/// </summary>
internal static class DisputeDecider
{
    public const string NoRuleReasonCode = "DISPUTE_NO_RULE";

    private static readonly string[] Precedence = ["escalate", "review", "reject", "evidence", "accept"];

    public static async ValueTask<DisputeDecision> DecideAsync(PublishedRuleSet ruleSet, DisputeFacts dispute, TransactionFacts transaction, CustomerFacts customer)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        object[] inputs = [dispute, transaction, customer];
        var outcomes = new RuleOutcome[ruleSet.Workflow.RuleCount];
        ruleSet.Workflow.Evaluate(inputs, outcomes);
        var messages = await MessagesAsync(ruleSet, outcomes, inputs);

        var reasons = new List<CheckReason>();
        var steps = new List<(string Step, int? Deadline)>();
        for (var i = 0; i < outcomes.Length; i++)
        {
            var rule = ruleSet.Rules[i];
            if (outcomes[i].Kind == RuleOutcomeKind.Success && rule.Outcome is { } step)
            {
                steps.Add((step, rule.DeadlineHours));
                reasons.Add(new CheckReason(rule.RuleName, rule.ReasonCode, step, rule.Score, messages[i] ?? rule.ReasonCode));
            }
            else if (outcomes[i].Kind == RuleOutcomeKind.Error && rule.OnError != "ignore")
            {
                steps.Add((rule.OnError, null));
                reasons.Add(new CheckReason(rule.RuleName, rule.ReasonCode, rule.OnError, 0, DecisionMaker.RuleErrorMessage));
            }
        }

        if (steps.Count == 0)
        {
            return new DisputeDecision("review", [new CheckReason("", NoRuleReasonCode, "review", 0, "No dispute rule applies; an officer decides.")], null);
        }

        var chosen = Precedence.First(p => steps.Any(s => s.Step == p));
        var deadline = steps.Where(s => s.Step == chosen && s.Deadline is not null).Select(s => s.Deadline).Min();
        return new DisputeDecision(chosen, reasons, deadline);
    }

    // Only the rules that fired have a message; their values come from one result-tree pass, as for checks.
    private static async ValueTask<string?[]> MessagesAsync(PublishedRuleSet ruleSet, RuleOutcome[] outcomes, object[] inputs)
    {
        var messages = new string?[outcomes.Length];
        if (!outcomes.Any(o => o.IsSuccess))
        {
            return messages;
        }

        var results = await ruleSet.Engine.ExecuteAllRulesAsync(ruleSet.Name, ruleSet.Kind.Parameters(inputs));
        var byName = results.ToDictionary(r => r.Rule.RuleName, StringComparer.Ordinal);
        for (var i = 0; i < outcomes.Length; i++)
        {
            if (outcomes[i].IsSuccess && byName.TryGetValue(ruleSet.Rules[i].RuleName, out var result))
            {
                messages[i] = ruleSet.Templates[i].Format(result.Inputs);
            }
        }

        return messages;
    }
}
