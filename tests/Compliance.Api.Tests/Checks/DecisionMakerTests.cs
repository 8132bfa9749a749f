using Compliance.Api.Checks;
using Compliance.Api.RuleSets;
using Compliance.Rules;

namespace Compliance.Api.Tests.Checks;

public sealed class DecisionMakerTests
{
    // Division by zero at run time in "Broken"; two score rules that together reach the threshold.
    private const string Workflow = """
        {
          "WorkflowName": "pre-transaction",
          "Rules": [
            { "RuleName": "Broken", "Properties": { "outcome": "block", "reasonCode": "BROKEN", "onError": "review" },
              "Expression": "transaction.Amount / (transaction.Amount - transaction.Amount) > 1" },
            { "RuleName": "BrokenIgnored", "Properties": { "reasonCode": "BROKEN_IGNORED", "onError": "ignore" },
              "Expression": "transaction.Amount / (transaction.Amount - transaction.Amount) > 1" },
            { "RuleName": "ScoreA", "Properties": { "reasonCode": "A", "score": 30 }, "ErrorMessage": "A saw $(transaction.Amount)", "Expression": "transaction.Amount > 10" },
            { "RuleName": "ScoreB", "Properties": { "reasonCode": "B", "score": 25 }, "Expression": "transaction.Amount > 20" }
          ]
        }
        """;

    [Theory]
    [InlineData(5, "review", new[] { "BROKEN" }, 0)]
    [InlineData(15, "review", new[] { "BROKEN", "A" }, 30)]
    [InlineData(25, "review", new[] { "BROKEN", "A", "B" }, 55)]
    public void Decide_ErroringRuleCountsAsItsOnErrorOutcomeAndScoresSumToTheThreshold(int amount, string decision, string[] codes, int score)
    {
        var ruleSet = Create(threshold: 50);
        var outcomes = Evaluate(ruleSet, amount);

        var result = DecisionMaker.Decide(ruleSet, outcomes, i => $"message {i}");

        result.Decision.Should().Be(decision);
        result.Reasons.Select(r => r.ReasonCode).Should().Equal(codes);
        result.Score.Should().Be(score);
        result.RuleErrors.Should().Be(2, "both broken rules are counted, the ignored one too");
        result.Reasons.Single(r => r.ReasonCode == "BROKEN").Message.Should().Be(DecisionMaker.RuleErrorMessage);
    }

    [Fact]
    public void Decide_ScoreBelowThresholdAndNoOutcomeRules_Allows()
    {
        var ruleSet = Create(threshold: 60, withoutBroken: true);
        var outcomes = Evaluate(ruleSet, 25);

        var result = DecisionMaker.Decide(ruleSet, outcomes, i => "m");

        result.Decision.Should().Be("allow");
        result.Score.Should().Be(55);
    }

    [Fact]
    public void TryCreate_RuleWithoutReasonCode_IsRefusedWithTheRuleNamed()
    {
        var json = Workflow.Replace("\"reasonCode\": \"B\", ", "", StringComparison.Ordinal);

        PublishedRuleSet.TryCreate("pre-transaction", 1, "h", json, new RuleSetSettings(), out var problems).Should().BeNull();

        problems.Should().ContainSingle().Which.Should().Contain("rule ScoreB: Properties.reasonCode is required");
    }

    private static PublishedRuleSet Create(int threshold, bool withoutBroken = false)
    {
        var json = withoutBroken
            ? Workflow.Replace("\"Rules\": [", "\"Rules\": [ { \"RuleName\": \"Off\", \"Enabled\": false, \"Expression\": \"true\" },", StringComparison.Ordinal)
                .Replace("\"Expression\": \"transaction.Amount / (transaction.Amount - transaction.Amount) > 1\"", "\"Expression\": \"false\"", StringComparison.Ordinal)
            : Workflow;
        return PublishedRuleSet.TryCreate("pre-transaction", 1, "h", json, new RuleSetSettings { ScoreThreshold = threshold }, out var problems)
            ?? throw new InvalidOperationException(string.Join("; ", problems));
    }

    private static RuleOutcome[] Evaluate(PublishedRuleSet ruleSet, decimal amount)
    {
        var outcomes = new RuleOutcome[ruleSet.Workflow.RuleCount];
        ruleSet.Workflow.Evaluate([new TransactionFacts { Amount = amount }, new CustomerFacts(), new VelocityFacts(), new CounterpartyFacts()], outcomes);
        return outcomes;
    }
}
