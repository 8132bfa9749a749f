namespace Compliance.Rules.Tests.Workflows;

public class InjectionTests
{
    private const string Json = """
        [
          { "WorkflowName": "base", "Rules": [ { "RuleName": "b1", "Expression": "input1.Amount > 10" } ] },
          { "WorkflowName": "main", "WorkflowsToInject": ["base"], "GlobalParams": [ { "Name": "g", "Expression": "input1.Amount" } ],
            "Rules": [ { "RuleName": "m1", "Expression": "g > 500" } ] },
          { "WorkflowName": "only", "WorkflowsToInject": ["base", "main"] }
        ]
        """;

    [Fact]
    public async Task Injection_AppendsInjectedRulesAfterOwn()
    {
        var engine = Engines.FromJson(Json);

        var results = await engine.ExecuteAllRulesAsync("main", Engines.Order(100));

        results.Select(r => (r.Rule.RuleName, r.IsSuccess)).Should().Equal(("m1", false), ("b1", true));
    }

    [Fact]
    public async Task Injection_InjectOnlyWorkflow_RunsInjectedRulesRecursively()
    {
        var results = await Engines.FromJson(Json).ExecuteAllRulesAsync("only", Engines.Order(100));

        // base's rules, then main's own rules and main's injected rules; main's GlobalParams do not come along.
        results.Select(r => r.Rule.RuleName).Should().Equal("b1", "m1", "b1");
        results[1].ExceptionMessage.Should().StartWith("Exception while parsing expression `g > 500` - ");
    }

    [Fact]
    public async Task Injection_GlobalsOfInjectingWorkflow_VisibleInInjectedRules()
    {
        var engine = Engines.FromJson("""
            [ { "WorkflowName": "base", "Rules": [ { "RuleName": "b", "Expression": "g == 7" } ] },
              { "WorkflowName": "main", "WorkflowsToInject": ["base"], "GlobalParams": [ { "Name": "g", "Expression": "7" } ], "Rules": [] } ]
            """);

        (await engine.ExecuteAllRulesAsync("main", Engines.Order())).Single().IsSuccess.Should().BeTrue();
    }

    [Fact]
    public async Task Injection_RepeatedExecutions_DoNotGrowStoredWorkflow()
    {
        var workflows = WorkflowJson.Parse(Json);
        var engine = new RulesEngine(workflows);

        for (var i = 0; i < 3; i++)
        {
            (await engine.ExecuteAllRulesAsync("main", Engines.Order())).Should().HaveCount(2);
        }

        workflows[1].Rules.Should().ContainSingle();
    }

    [Fact]
    public async Task Injection_MissingWorkflow_Throws()
    {
        var engine = Engines.FromJson("""{ "WorkflowName": "w", "WorkflowsToInject": ["ghost"] }""");

        var act = async () => await engine.ExecuteAllRulesAsync("w", Engines.Order());

        await act.Should().ThrowAsync<RuleException>().WithMessage("Could not find injected Workflow: ghost");
    }

    [Fact]
    public async Task Injection_Cycle_ThrowsInsteadOfOverflowing()
    {
        var engine = Engines.FromJson("""[ { "WorkflowName": "a", "WorkflowsToInject": ["b"] }, { "WorkflowName": "b", "WorkflowsToInject": ["a"] } ]""");

        var act = async () => await engine.ExecuteAllRulesAsync("a", Engines.Order());

        await act.Should().ThrowAsync<RuleException>().WithMessage("*cycle*");
    }

    [Fact]
    public async Task Injection_InjectedWorkflowUpdated_NextExecutionSeesIt()
    {
        var engine = Engines.FromJson(Json);
        (await engine.ExecuteAllRulesAsync("main", Engines.Order(100)))[1].IsSuccess.Should().BeTrue();

        engine.AddOrUpdateWorkflow(WorkflowJson.Parse("""{ "WorkflowName": "base", "Rules": [ { "RuleName": "b1", "Expression": "input1.Amount > 1000" } ] }"""));

        (await engine.ExecuteAllRulesAsync("main", Engines.Order(100)))[1].IsSuccess.Should().BeFalse();
    }

    [Fact]
    public async Task Injection_AddedLater_ResolvedAtExecution()
    {
        var engine = Engines.FromJson("""{ "WorkflowName": "w", "WorkflowsToInject": ["late"] }""");
        engine.AddWorkflow(WorkflowJson.Parse("""{ "WorkflowName": "late", "Rules": [ { "RuleName": "l", "Expression": "true" } ] }"""));

        (await engine.ExecuteAllRulesAsync("w", Engines.Order())).Single().Rule.RuleName.Should().Be("l");
    }
}
