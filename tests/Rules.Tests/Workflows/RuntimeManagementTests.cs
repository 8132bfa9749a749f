namespace Compliance.Rules.Tests.Workflows;

public class RuntimeManagementTests
{
    private static Workflow Make(string name, string expression) =>
        new() { WorkflowName = name, Rules = [new Rule { RuleName = "r", Expression = expression }] };

    [Fact]
    public void Registry_AddRemoveClear_Tracked()
    {
        var engine = new RulesEngine([Make("a", "true"), Make("b", "true")]);

        engine.ContainsWorkflow("a").Should().BeTrue();
        engine.GetAllRegisteredWorkflowNames().Should().BeEquivalentTo("a", "b");
        engine.RemoveWorkflow("a");
        engine.ContainsWorkflow("a").Should().BeFalse();
        engine.GetAllRegisteredWorkflowNames().Should().Equal("b");
        engine.ClearWorkflows();
        engine.GetAllRegisteredWorkflowNames().Should().BeEmpty();
    }

    [Fact]
    public async Task AddOrUpdateWorkflow_Replaces_NextExecutionUsesNewVersion()
    {
        var engine = new RulesEngine([Make("a", "input1 > 5")]);
        (await engine.ExecuteAllRulesAsync("a", 10)).Single().IsSuccess.Should().BeTrue();

        engine.AddOrUpdateWorkflow(Make("a", "input1 > 50"));

        (await engine.ExecuteAllRulesAsync("a", 10)).Single().IsSuccess.Should().BeFalse();
    }

    [Fact]
    public async Task AddOrUpdateWorkflow_InvalidWorkflow_KeepsOldVersion()
    {
        var engine = new RulesEngine([Make("a", "input1 > 5")]);

        var act = () => engine.AddOrUpdateWorkflow(new Workflow { WorkflowName = "a" });

        act.Should().Throw<RuleValidationException>();
        (await engine.ExecuteAllRulesAsync("a", 10)).Single().IsSuccess.Should().BeTrue();
    }

    [Fact]
    public async Task RemovedWorkflow_ExecutionThrows()
    {
        var engine = new RulesEngine([Make("a", "true")]);
        await engine.ExecuteAllRulesAsync("a", 1);
        engine.RemoveWorkflow("a");

        var act = async () => await engine.ExecuteAllRulesAsync("a", 1);

        await act.Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task Settings_CopiedAtConstruction()
    {
        var settings = new ReSettings { EnableFormattedErrorMessage = true };
        var engine = new RulesEngine([new Workflow { WorkflowName = "a", Rules = [new Rule { RuleName = "r", Expression = "false", ErrorMessage = "msg" }] }], settings);

        settings.EnableFormattedErrorMessage = false;

        (await engine.ExecuteAllRulesAsync("a", 1)).Single().ExceptionMessage.Should().Be("msg");
    }

    [Fact]
    public async Task JsonConstructor_ReadsEachDocument()
    {
        var engine = new RulesEngine(
            ["""{ "workflowName": "a", "rules": [ { "ruleName": "r", "expression": "true" } ] }""",
             """[ { "WorkflowName": "b", "Rules": [ { "RuleName": "r", "Expression": "false" } ] } ]"""]);

        (await engine.ExecuteAllRulesAsync("a", 1)).Single().IsSuccess.Should().BeTrue();
        (await engine.ExecuteAllRulesAsync("b", 1)).Single().IsSuccess.Should().BeFalse();
    }

    [Fact]
    public void Engine_IsUsableThroughInterface()
    {
        IRulesEngine engine = new RulesEngine();

        engine.AddWorkflow(Make("a", "true"));

        engine.ContainsWorkflow("a").Should().BeTrue();
    }
}
