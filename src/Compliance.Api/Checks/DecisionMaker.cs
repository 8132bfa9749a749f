using Compliance.Api.RuleSets;
using Compliance.Rules;

namespace Compliance.Api.Checks;

/// <summary>
/// Turns rule outcomes into a decision: <c>block</c> if any block rule fired; else <c>review</c> if any
/// review rule fired or the summed score reached the rule set's threshold; else <c>allow</c>. A rule
/// that failed to evaluate counts as its <c>onError</c> outcome (review by default) and never fails
/// the check.
/// </summary>
internal static class DecisionMaker
{
    public const string RuleErrorMessage = "The rule could not be evaluated; it counts as its onError outcome.";

    public static (string Decision, int Score, List<CheckReason> Reasons, int RuleErrors) Decide(
        PublishedRuleSet ruleSet, ReadOnlySpan<RuleOutcome> outcomes, Func<int, string> message)
    {
        var reasons = new List<CheckReason>();
        var score = 0;
        var block = false;
        var review = false;
        var errors = 0;
        for (var i = 0; i < ruleSet.Rules.Length; i++)
        {
            var rule = ruleSet.Rules[i];
            switch (outcomes[i].Kind)
            {
                case RuleOutcomeKind.Success:
                    score += rule.Score;
                    block |= rule.Outcome == "block";
                    review |= rule.Outcome == "review";
                    reasons.Add(new CheckReason(rule.RuleName, rule.ReasonCode, rule.Outcome ?? "score", rule.Score, message(i)));
                    break;
                case RuleOutcomeKind.Error:
                    errors++;
                    if (rule.OnError != "ignore")
                    {
                        block |= rule.OnError == "block";
                        review |= rule.OnError == "review";
                        reasons.Add(new CheckReason(rule.RuleName, rule.ReasonCode, rule.OnError, 0, RuleErrorMessage));
                    }

                    break;
            }
        }

        review |= score >= ruleSet.Settings.ScoreThreshold;
        return (block ? "block" : review ? "review" : "allow", score, reasons, errors);
    }
}
