namespace Compliance.Rules.Tests.Workflows;

public class ScopedParamTests
{
    [Fact]
    public async Task Globals_LaterReferenceEarlier_VisibleToEveryRuleAndInInputs()
    {
        var engine = Engines.WithRules("""
            { "RuleName": "a", "Expression": "doubled == 200" },
            { "RuleName": "b", "Expression": "base > 50" }
            """, globalsJson: """[ { "Name": "base", "Expression": "input1.Amount" }, { "Name": "doubled", "Expression": "base * 2" } ]""");

        var results = await engine.ExecuteAllRulesAsync("w", Engines.Order(100));

        results.Should().OnlyContain(r => r.IsSuccess);
        results[0].Inputs.Should().Contain(new KeyValuePair<string, object>("doubled", 200));
        results[0].Inputs.Keys.Should().Equal("input1", "base", "doubled");
    }

    [Fact]
    public async Task Locals_VisibleToRuleChildrenInOrder_ParentFirst()
    {
        var engine = Engines.WithRules("""
            { "RuleName": "p", "Operator": "And",
              "LocalParams": [ { "Name": "a", "Expression": "input1.Amount" }, { "Name": "b", "Expression": "a + 1" } ],
              "Rules": [ { "RuleName": "c", "Expression": "b + c1 == 201", "LocalParams": [ { "Name": "c1", "Expression": "a" } ] } ] }
            """);

        var result = (await engine.ExecuteAllRulesAsync("w", Engines.Order(100))).Single();

        result.IsSuccess.Should().BeTrue(result.ChildResults?.Single().ExceptionMessage);
        result.Inputs.Keys.Should().Equal("input1", "a", "b");
        result.ChildResults!.Single().Inputs.Keys.Should().Equal("input1", "a", "b", "c1");
    }

    [Fact]
    public async Task Locals_NotVisibleToSiblingRule()
    {
        var engine = Engines.WithRules("""
            { "RuleName": "a", "Expression": "x > 0", "LocalParams": [ { "Name": "x", "Expression": "1" } ] },
            { "RuleName": "b", "Expression": "x > 0" }
            """);

        var results = await engine.ExecuteAllRulesAsync("w", Engines.Order());

        results[0].IsSuccess.Should().BeTrue();
        results[1].IsSuccess.Should().BeFalse();
        results[1].ExceptionMessage.Should().StartWith("Exception while parsing expression `x > 0` - ");
        results[1].Inputs.Keys.Should().Equal("input1");
    }

    [Fact]
    public async Task Globals_EvaluatedOncePerExecution()
    {
        var engine = Engines.WithRules("""{ "RuleName": "a", "Expression": "g > 0" }, { "RuleName": "b", "Expression": "g > 0" }, { "RuleName": "c", "Expression": "g > 0" }""",
            globalsJson: """[ { "Name": "g", "Expression": "counter.Next()" } ]""");
        var counter = new InstanceCounter();

        var results = await engine.ExecuteAllRulesAsync("w", new RuleParameter("counter", counter));
        await engine.ExecuteAllRulesAsync("w", new RuleParameter("counter", counter));

        results.Should().OnlyContain(r => r.IsSuccess, results[0].ExceptionMessage);
        counter.Calls.Should().Be(2);
        results.Select(r => r.Inputs["g"]).Should().Equal(1, 1, 1);
    }

    [Fact]
    public async Task ScopedParamsDisabled_ReferencesFail()
    {
        var engine = Engines.WithRules("""{ "RuleName": "a", "Expression": "g > 0" }""", new ReSettings { EnableScopedParams = false }, """[ { "Name": "g", "Expression": "1" } ]""");

        var result = (await engine.ExecuteAllRulesAsync("w", Engines.Order())).Single();

        result.IsSuccess.Should().BeFalse();
        result.ExceptionMessage.Should().StartWith("Exception while parsing expression `g > 0` - ");
        result.Inputs.Keys.Should().Equal("input1");
    }

    [Fact]
    public async Task GlobalNamedLikeInput_FailsEveryRuleWithTheCollision()
    {
        var engine = Engines.WithRules("""{ "RuleName": "a", "Expression": "true" }""", globalsJson: """[ { "Name": "input1", "Expression": "1" } ]""");

        var result = (await engine.ExecuteAllRulesAsync("w", Engines.Order())).Single();

        // RulesEngine 6.0.1's text, checked against the package (tests/Rules.Compat.Tests).
        result.IsSuccess.Should().BeFalse();
        result.ExceptionMessage.Should().Be("Error while executing scoped params for rule `a` - GlobalParam name 'input1' collides with an input RuleParameter " +
            "of the same name. Rename either the global or the input to disambiguate.");
    }

    [Fact]
    public async Task GlobalNamedLikeInput_ExecuteActionWorkflowThrowsTheCollision()
    {
        var engine = Engines.WithRules("""{ "RuleName": "a", "Expression": "true" }""", globalsJson: """[ { "Name": "input1", "Expression": "1" } ]""");

        var act = async () => await engine.ExecuteActionWorkflowAsync("w", "a", [new RuleParameter("input1", Engines.Order())]);

        await act.Should().ThrowAsync<RuleException>().WithMessage("GlobalParam name 'input1' collides with an input RuleParameter of the same name.*");
    }

    [Fact]
    public async Task Locals_ListValued_UsableInRule()
    {
        var engine = Engines.WithRules("""
            { "RuleName": "a", "Expression": "myList.Where(x => x < threshold).Contains(input1.Amount)",
              "LocalParams": [ { "Name": "threshold", "Expression": "3" }, { "Name": "myList", "Expression": "new int[]{1,2,3,4,5}" } ] }
            """);

        (await engine.ExecuteAllRulesAsync("w", Engines.Order(2))).Single().IsSuccess.Should().BeTrue();
        (await engine.ExecuteAllRulesAsync("w", Engines.Order(3))).Single().IsSuccess.Should().BeFalse();
    }
}
