using System.Text.Json;

namespace Compliance.Rules.Tests.Workflows;

public class WorkflowJsonTests
{
    [Fact]
    public void Parse_SingleObject_ReturnsOneWorkflow()
    {
        var workflows = WorkflowJson.Parse("""{ "WorkflowName": "w", "Rules": [ { "RuleName": "r", "Expression": "true" } ] }""");

        workflows.Should().ContainSingle().Which.WorkflowName.Should().Be("w");
        workflows[0].Rules.Should().ContainSingle().Which.Expression.Should().Be("true");
    }

    [Fact]
    public void Parse_Array_ReturnsEveryWorkflowInOrder()
    {
        var workflows = WorkflowJson.Parse("""
            [ { "WorkflowName": "a", "Rules": [] }, { "WorkflowName": "b", "WorkflowsToInject": ["a"] } ]
            """);

        workflows.Select(w => w.WorkflowName).Should().Equal("a", "b");
        workflows[1].WorkflowsToInject.Should().Equal("a");
    }

    [Fact]
    public void Parse_CamelCaseAndLowerCaseNames_ReadsEveryField()
    {
        var workflow = WorkflowJson.Parse("""
            {
              "workflowName": "w",
              "globalParams": [ { "name": "g", "expression": "1" } ],
              "rules": [ {
                "ruleName": "r", "operator": "And", "errorMessage": "m", "enabled": false, "successEvent": "e",
                "localParams": [ { "name": "l", "expression": "2" } ],
                "rules": [ { "rulename": "c", "EXPRESSION": "x" } ],
                "actions": { "onSuccess": { "name": "OutputExpression", "context": { "expression": "1" } }, "onFailure": { "name": "f" } }
              } ]
            }
            """).Single();

        workflow.WorkflowName.Should().Be("w");
        workflow.GlobalParams.Should().ContainSingle().Which.Name.Should().Be("g");
        var rule = workflow.Rules!.Single();
        rule.Should().BeEquivalentTo(new { RuleName = "r", Operator = "And", ErrorMessage = "m", Enabled = false, SuccessEvent = "e" });
        rule.LocalParams!.Single().Expression.Should().Be("2");
        rule.Rules!.Single().Should().BeEquivalentTo(new { RuleName = "c", Expression = "x" });
        rule.Actions!.OnSuccess!.Name.Should().Be("OutputExpression");
        rule.Actions.OnFailure!.Name.Should().Be("f");
    }

    [Theory]
    [InlineData("\"LambdaExpression\"")]
    [InlineData("0")]
    public void Parse_RuleExpressionTypeByNameOrNumber_AcceptedAtBothLevels(string value)
    {
        var workflow = WorkflowJson.Parse($$"""
            { "WorkflowName": "w", "RuleExpressionType": {{value}}, "Rules": [ { "RuleName": "r", "RuleExpressionType": {{value}}, "Expression": "true" } ] }
            """).Single();

        workflow.RuleExpressionType.Should().Be(RuleExpressionType.LambdaExpression);
        workflow.Rules!.Single().RuleExpressionType.Should().Be(RuleExpressionType.LambdaExpression);
    }

    [Fact]
    public void Parse_SchemaAndUnknownProperties_Ignored()
    {
        var workflow = WorkflowJson.Parse("""
            {
              "$schema": "https://raw.githubusercontent.com/microsoft/RulesEngine/main/schema/workflow-schema.json",
              "WorkflowName": "w", "Owner": "team",
              "Rules": [ { "RuleName": "r", "Expression": "true", "ErrorType": "Error", "SuccessMessage": "s" } ]
            }
            """).Single();

        workflow.WorkflowName.Should().Be("w");
    }

    [Fact]
    public void Parse_LegacyWorkflowRulesToInject_SetsWorkflowsToInject()
    {
        var workflow = WorkflowJson.Parse("""{ "WorkflowName": "w", "WorkflowRulesToInject": ["a", "b"] }""").Single();

        workflow.WorkflowsToInject.Should().Equal("a", "b");
    }

    [Fact]
    public void Parse_PropertiesAndContext_KeepJsonValues()
    {
        var rule = WorkflowJson.Parse("""
            { "WorkflowName": "w", "Rules": [ {
              "RuleName": "r", "Expression": "true", "Properties": { "id": 7, "tags": ["a"] },
              "Actions": { "OnSuccess": { "Name": "EvaluateRule", "Context": { "inputFilter": ["input1"] } } } } ] }
            """).Single().Rules!.Single();

        rule.Properties!["id"].Should().BeOfType<JsonElement>().Which.GetInt32().Should().Be(7);
        var context = new ActionContext(rule.Actions!.OnSuccess!.Context, new RuleResultTree());
        context.GetContext<List<string>>("INPUTFILTER").Should().Equal("input1");
    }

    [Fact]
    public void TryParse_MalformedJson_ReportsPathAndLine()
    {
        var ok = WorkflowJson.TryParse("{\n  \"WorkflowName\": \"w\",\n  \"Rules\": [ { \"RuleName\": 5 } ]\n}", out _, out var error);

        ok.Should().BeFalse();
        error!.Path.Should().Be("$.Rules[0].RuleName");
        error.Line.Should().Be(3);
        error.ToString().Should().StartWith("$.Rules[0].RuleName (line 3, column");
    }

    [Fact]
    public void TryParse_TruncatedJson_ReportsLine()
    {
        var ok = WorkflowJson.TryParse("[\n { \"WorkflowName\": \"w\",\n", out _, out var error);

        ok.Should().BeFalse();
        error!.Line.Should().NotBeNull();
    }

    [Fact]
    public void Parse_NotAnObject_Throws()
    {
        var act = () => WorkflowJson.Parse("42");

        act.Should().Throw<RuleValidationException>().WithMessage("*Expected a workflow object or an array*");
    }
}
