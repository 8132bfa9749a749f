namespace Compliance.Rules.Tests.Workflows;

public class ActionTests
{
    private sealed class RecordingAction(List<string> log) : ActionBase
    {
        public override ValueTask<object> Run(ActionContext context, RuleParameter[] ruleParameters)
        {
            var name = context.GetParentRuleResult().Rule.RuleName;
            log.Add(name);
            return new ValueTask<object>($"{name}:{context.GetContext<string>("tag")}:{string.Join(",", ruleParameters.Select(p => p.Name))}");
        }
    }

    private sealed class ThrowingAction : ActionBase
    {
        public override ValueTask<object> Run(ActionContext context, RuleParameter[] ruleParameters) => throw new InvalidOperationException("nope");
    }

    [Fact]
    public async Task OutputExpression_OnSuccess_SetsOutput()
    {
        var engine = Engines.WithRules("""
            { "RuleName": "r", "Expression": "input1.Amount > 1", "LocalParams": [ { "Name": "l", "Expression": "3" } ],
              "Actions": { "OnSuccess": { "Name": "OutputExpression", "Context": { "Expression": "input1.Amount * l" } } } }
            """);

        var result = (await engine.ExecuteAllRulesAsync("w", Engines.Order(10))).Single();

        result.ActionResult!.Output.Should().Be(30);
        result.ActionResult.Exception.Should().BeNull();
    }

    [Fact]
    public async Task OutputExpression_OnFailure_RunsOnlyFailureAction()
    {
        var engine = Engines.WithRules("""
            { "RuleName": "r", "Expression": "input1.Amount > 100",
              "Actions": { "OnSuccess": { "Name": "OutputExpression", "Context": { "expression": "\"yes\"" } },
                           "OnFailure": { "Name": "OutputExpression", "Context": { "EXPRESSION": "\"no:\" + input1.Country" } } } }
            """);

        var result = (await engine.ExecuteAllRulesAsync("w", Engines.Order(10))).Single();

        result.ActionResult!.Output.Should().Be("no:DE");
    }

    [Fact]
    public async Task Action_NoActionForOutcome_EmptyActionResult()
    {
        var result = (await Engines.WithRules("""{ "RuleName": "r", "Expression": "true" }""").ExecuteAllRulesAsync("w", Engines.Order())).Single();

        result.ActionResult.Should().NotBeNull();
        result.ActionResult!.Output.Should().BeNull();
        result.ActionResult.Exception.Should().BeNull();
    }

    [Fact]
    public async Task OutputExpression_BadExpression_CapturedInActionResult()
    {
        var engine = Engines.WithRules("""
            { "RuleName": "r", "Expression": "true", "Actions": { "OnSuccess": { "Name": "OutputExpression", "Context": { "expression": "input1.Amount +" } } } }
            """);

        var result = (await engine.ExecuteAllRulesAsync("w", Engines.Order())).Single();

        result.IsSuccess.Should().BeTrue();
        result.ActionResult!.Exception!.Message.Should().StartWith("Exception while executing OutputExpressionAction: ");
    }

    [Fact]
    public async Task Action_Throws_ExceptionsNotAsMessages_Rethrows()
    {
        var settings = new ReSettings { EnableExceptionAsErrorMessage = false, CustomActions = new() { ["Throw"] = () => new ThrowingAction() } };
        var engine = Engines.WithRules("""{ "RuleName": "r", "Expression": "true", "Actions": { "OnSuccess": { "Name": "Throw" } } }""", settings);

        var act = async () => await engine.ExecuteAllRulesAsync("w", Engines.Order());

        await act.Should().ThrowAsync<Exception>().WithMessage("Exception while executing ThrowingAction: nope");
    }

    [Fact]
    public async Task Action_Throws_IgnoreException_Captured()
    {
        var settings = new ReSettings { EnableExceptionAsErrorMessage = false, IgnoreException = true, CustomActions = new() { ["Throw"] = () => new ThrowingAction() } };
        var engine = Engines.WithRules("""{ "RuleName": "r", "Expression": "true", "Actions": { "OnSuccess": { "Name": "Throw" } } }""", settings);

        var result = (await engine.ExecuteAllRulesAsync("w", Engines.Order())).Single();

        result.ActionResult!.Exception!.InnerException.Should().BeOfType<InvalidOperationException>();
    }

    [Fact]
    public async Task CustomAction_CaseInsensitiveName_ChildrenBeforeParent()
    {
        var log = new List<string>();
        var settings = new ReSettings { CustomActions = new() { ["Record"] = () => new RecordingAction(log) } };
        var engine = Engines.WithRules("""
            { "RuleName": "p", "Operator": "And", "Actions": { "OnSuccess": { "Name": "record", "Context": { "tag": "P" } } },
              "LocalParams": [ { "Name": "l", "Expression": "1" } ],
              "Rules": [ { "RuleName": "c1", "Expression": "true", "Actions": { "OnSuccess": { "Name": "RECORD", "Context": { "tag": 1 } } } },
                         { "RuleName": "c2", "Expression": "true", "Actions": { "OnSuccess": { "Name": "Record", "Context": { "tag": "two" } } } } ] },
            { "RuleName": "q", "Expression": "true", "Actions": { "OnSuccess": { "Name": "Record", "Context": { "tag": "Q" } } } }
            """, settings);

        var results = await engine.ExecuteAllRulesAsync("w", Engines.Order());

        log.Should().Equal("c1", "c2", "p", "q");
        results[0].ActionResult!.Output.Should().Be("p:P:input1,l");
        results[0].ChildResults!.First().ActionResult!.Output.Should().Be("c1:1:input1,l");
    }

    [Fact]
    public async Task Action_UnknownName_ThrowsKeyNotFound()
    {
        var engine = Engines.WithRules("""{ "RuleName": "r", "Expression": "true", "Actions": { "OnSuccess": { "Name": "Missing" } } }""",
            new ReSettings { IgnoreException = true });

        var act = async () => await engine.ExecuteAllRulesAsync("w", Engines.Order());

        await act.Should().ThrowAsync<KeyNotFoundException>().WithMessage("Action with name: Missing does not exist");
    }

    [Fact]
    public async Task AutoExecuteActionsOff_NoActionRuns()
    {
        var log = new List<string>();
        var settings = new ReSettings { AutoExecuteActions = false, CustomActions = new() { ["Record"] = () => new RecordingAction(log) } };
        var engine = Engines.WithRules("""{ "RuleName": "r", "Expression": "true", "Actions": { "OnSuccess": { "Name": "Record", "Context": { "tag": "x" } } } }""", settings);

        var result = (await engine.ExecuteAllRulesAsync("w", Engines.Order())).Single();
        var direct = await engine.ExecuteActionWorkflowAsync("w", "r", [new RuleParameter("input1", Engines.Order())]);

        result.ActionResult.Should().BeNull();
        direct.Output.Should().Be("r:x:input1");
        log.Should().Equal("r");
    }

    [Fact]
    public async Task EvaluateRule_ChainWithFilterAndAdditionalInputs_ReturnsChainedOutputAndResults()
    {
        var engine = Engines.FromJson("""
            [ { "WorkflowName": "first", "GlobalParams": [ { "Name": "g", "Expression": "1" } ],
                "Rules": [ { "RuleName": "a", "Expression": "input1.Amount > 1000",
                  "Actions": { "OnFailure": { "Name": "EvaluateRule", "Context": {
                      "workflowName": "second", "ruleName": "b", "inputFilter": ["input1"],
                      "additionalInputs": [ { "Name": "limit", "Expression": "input1.Amount + g" } ] } } } } ] },
              { "WorkflowName": "second",
                "Rules": [ { "RuleName": "b", "Expression": "limit == 101 && input1.Country == \"DE\"",
                  "Actions": { "OnSuccess": { "Name": "OutputExpression", "Context": { "Expression": "limit * 2" } } } } ] } ]
            """);

        var viaExecuteAll = (await engine.ExecuteAllRulesAsync("first", Engines.Order(100))).Single();
        var viaAction = await engine.ExecuteActionWorkflowAsync("first", "a", [new RuleParameter("input1", Engines.Order(100))]);

        viaExecuteAll.IsSuccess.Should().BeFalse();
        viaExecuteAll.ActionResult!.Exception.Should().BeNull();
        viaExecuteAll.ActionResult.Output.Should().Be(202);
        viaAction.Output.Should().Be(202);
        viaAction.Results!.Select(r => r.Rule.RuleName).Should().Equal("b", "a");
        viaAction.Results![0].Inputs.Keys.Should().BeEquivalentTo("input1", "limit");
    }

    [Fact]
    public async Task EvaluateRule_ForwardingGlobals_CollisionCapturedInActionResult()
    {
        var engine = Engines.FromJson("""
            { "WorkflowName": "w", "GlobalParams": [ { "Name": "g", "Expression": "1" } ],
              "Rules": [ { "RuleName": "a", "Expression": "true", "Actions": { "OnSuccess": { "Name": "EvaluateRule", "Context": { "workflowName": "w", "ruleName": "b" } } } },
                         { "RuleName": "b", "Expression": "true" } ] }
            """);

        var result = (await engine.ExecuteAllRulesAsync("w", Engines.Order()))[0];

        result.ActionResult!.Exception!.Message.Should().Contain("GlobalParam name 'g' collides with an input RuleParameter");
    }

    [Fact]
    public async Task ExecuteActionWorkflowAsync_UnknownRule_Throws()
    {
        var engine = Engines.WithRules("""{ "RuleName": "r", "Expression": "true" }""");

        var act = async () => await engine.ExecuteActionWorkflowAsync("w", "zzz", [new RuleParameter("input1", 1)]);

        await act.Should().ThrowAsync<ArgumentException>().WithMessage("Workflow `w` does not contain any rule named `zzz`");
    }

    [Fact]
    public async Task ExecuteActionWorkflowAsync_NoAction_ReturnsRuleResultWithFormattedMessage()
    {
        var engine = Engines.WithRules("""{ "RuleName": "r", "Expression": "false", "ErrorMessage": "bad $(input1.Country)" }""");

        var result = await engine.ExecuteActionWorkflowAsync("w", "r", [new RuleParameter("input1", Engines.Order())]);

        result.Output.Should().BeNull();
        result.Results.Should().ContainSingle().Which.ExceptionMessage.Should().Be("bad DE");
    }
}
