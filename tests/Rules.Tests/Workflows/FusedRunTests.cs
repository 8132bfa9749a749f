namespace Compliance.Rules.Tests.Workflows;

/// <summary>
/// Consecutive top-level leaf rules without LocalParams are evaluated by one compiled method (a FusedRun): the results,
/// errors and order of evaluation are those of evaluating each rule alone.
/// </summary>
public class FusedRunTests
{
    // Rule i calls the counter and passes when its call was the (i + 1)th: only in-order evaluation passes them all.
    private static string InOrderRules(int count) =>
        string.Join(", ", Enumerable.Range(0, count).Select(i => $$"""{ "RuleName": "r{{i}}", "Expression": "counter.Next() == {{i + 1}}" }"""));

    [Theory]
    [InlineData(1)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(150)]
    public async Task ManyRules_EvaluatedOnceEachInWorkflowOrder_BothPaths(int count)
    {
        var engine = Engines.WithRules(InOrderRules(count));

        var counter = new InstanceCounter();
        var results = await engine.ExecuteAllRulesAsync("w", new RuleParameter("counter", counter));

        results.Should().HaveCount(count).And.OnlyContain(r => r.IsSuccess);
        counter.Calls.Should().Be(count);

        var compiled = engine.Compile("w", [RuleParameter.Create("counter", typeof(InstanceCounter))]);
        var outcomes = new RuleOutcome[count];
        counter = new InstanceCounter();
        compiled.Evaluate(counter, outcomes);
        outcomes.Should().OnlyContain(o => o.Kind == RuleOutcomeKind.Success);
        counter.Calls.Should().Be(count);
    }

    [Fact]
    public async Task RunsBetweenRulesEvaluatedAlone_KeepTheWorkflowOrder()
    {
        // Rules with LocalParams and nested rules are evaluated alone; the runs around them must not move.
        var engine = Engines.WithRules("""
            { "RuleName": "a", "Expression": "counter.Next() == 1" },
            { "RuleName": "b", "Expression": "x", "LocalParams": [ { "Name": "x", "Expression": "counter.Next() == 2" } ] },
            { "RuleName": "c", "Expression": "counter.Next() == 3" },
            { "RuleName": "d", "Expression": "counter.Next() == 4" },
            { "RuleName": "e", "Operator": "And", "Rules": [ { "RuleName": "e1", "Expression": "counter.Next() == 5" } ] },
            { "RuleName": "f", "Expression": "counter.Next() == 6" }
            """);

        var results = await engine.ExecuteAllRulesAsync("w", new RuleParameter("counter", new InstanceCounter()));

        results.Select(r => r.Rule.RuleName).Should().Equal("a", "b", "c", "d", "e", "f");
        results.Should().OnlyContain(r => r.IsSuccess, string.Join("; ", results.Select(r => r.ExceptionMessage)));
    }

    [Fact]
    public async Task RuleThrowsInsideARun_OnlyThatRuleFails_BothPaths()
    {
        var engine = Engines.WithRules("""
            { "RuleName": "before", "Expression": "input1.Amount > 1" },
            { "RuleName": "boom", "Expression": "input1.Amount / input1.Zero > 1" },
            { "RuleName": "nre", "Expression": "input1.Customer.Name == \"Ann\"" },
            { "RuleName": "after", "Expression": "input1.Country == \"DE\"" }
            """);
        var order = new Order { Amount = 10, Country = "DE", Customer = null, Items = [] };

        var results = await engine.ExecuteAllRulesAsync("w", order);

        results.Select(r => r.IsSuccess).Should().Equal(true, false, false, true);
        results[1].ExceptionMessage.Should().Be("Error while executing rule : boom - Attempted to divide by zero.");
        results[2].ExceptionMessage.Should().StartWith("Error while executing rule : nre - ");
        results[3].ExceptionMessage.Should().Be("");

        var compiled = engine.Compile("w", typeof(Order));
        var outcomes = new RuleOutcome[4];
        compiled.Evaluate(order, outcomes);
        outcomes.Select(o => o.Kind).Should().Equal(RuleOutcomeKind.Success, RuleOutcomeKind.Error, RuleOutcomeKind.Error, RuleOutcomeKind.Success);
        outcomes[1].Error!.Message.Should().Be(results[1].ExceptionMessage);
        outcomes[1].Error!.InnerException.Should().BeOfType<DivideByZeroException>();
    }

    [Fact]
    public async Task RuleThrows_ExceptionsNotMessages_ThrowsItAndEvaluatesNothingAfterIt()
    {
        var engine = Engines.WithRules(
            """
            { "RuleName": "first", "Expression": "counter.Next() == 1" },
            { "RuleName": "boom", "Expression": "counter.Next() / (counter.Calls - 2) > 0" },
            { "RuleName": "after", "Expression": "counter.Next() > 0" }
            """,
            new ReSettings { EnableExceptionAsErrorMessage = false });
        var counter = new InstanceCounter();

        var act = async () => await engine.ExecuteAllRulesAsync("w", new RuleParameter("counter", counter));

        (await act.Should().ThrowAsync<RuleException>()).WithMessage("Error while executing rule : boom - Attempted to divide by zero.");
        counter.Calls.Should().Be(2);
    }

    [Fact]
    public async Task ExecuteActionWorkflow_RuleOfARun_EvaluatesThatRuleAlone()
    {
        var engine = Engines.WithRules("""
            { "RuleName": "a", "Expression": "counter.Next() > 100" },
            { "RuleName": "b", "Expression": "counter.Next() == 1",
              "Actions": { "OnSuccess": { "Name": "OutputExpression", "Context": { "Expression": "counter.Calls * 10" } } } },
            { "RuleName": "c", "Expression": "counter.Next() > 100" }
            """);
        var counter = new InstanceCounter();

        var result = await engine.ExecuteActionWorkflowAsync("w", "b", [new RuleParameter("counter", counter)]);

        result.Output.Should().Be(10);
        counter.Calls.Should().Be(1);
    }
}
