namespace Compliance.Rules.Tests.Workflows;

public class ValidationTests
{
    private static Action Add(string json) => () => new RulesEngine().AddWorkflow(WorkflowJson.Parse(json));

    [Fact]
    public void AddWorkflow_EmptyName_ThrowsWorkflowNameMessage()
    {
        Add("""{ "WorkflowName": "", "Rules": [ { "RuleName": "r", "Expression": "true" } ] }""")
            .Should().Throw<RuleValidationException>().WithMessage("*Workflow name can not be null or empty*");
    }

    [Fact]
    public void AddWorkflow_NoRulesNoInjection_ThrowsAtleastOneMessage()
    {
        Add("""{ "WorkflowName": "w", "Rules": [] }""")
            .Should().Throw<RuleValidationException>().WithMessage("*Atleast one of Rules or WorkflowsToInject must be not empty*");
    }

    [Fact]
    public void AddWorkflow_InjectOnly_IsValid()
    {
        Add("""{ "WorkflowName": "w", "WorkflowsToInject": ["other"] }""").Should().NotThrow();
    }

    [Fact]
    public void AddWorkflow_RuleWithoutName_ThrowsRuleNameMessage()
    {
        Add("""{ "WorkflowName": "w", "Rules": [ { "Expression": "true" } ] }""")
            .Should().Throw<RuleValidationException>().WithMessage("*Rule Name can not be null*");
    }

    [Fact]
    public void AddWorkflow_UnknownOperator_ThrowsNotAllowed()
    {
        Add("""{ "WorkflowName": "w", "Rules": [ { "RuleName": "r", "Operator": "Xor", "Rules": [ { "RuleName": "c", "Expression": "true" } ] } ] }""")
            .Should().Throw<RuleValidationException>().WithMessage("*Operator Xor is not allowed*");
    }

    [Fact]
    public void AddWorkflow_LowerCaseOperator_PassesValidationLikeRulesEngine()
    {
        Add("""{ "WorkflowName": "w", "Rules": [ { "RuleName": "r", "Operator": "and", "Rules": [ { "RuleName": "c", "Expression": "true" } ] } ] }""")
            .Should().NotThrow();
    }

    [Fact]
    public void AddWorkflow_OperatorWithoutRules_ThrowsAtleastOneMessage()
    {
        Add("""{ "WorkflowName": "w", "Rules": [ { "RuleName": "r", "Operator": "And" } ] }""")
            .Should().Throw<RuleValidationException>().WithMessage("*Atleast one of Rules or WorkflowsToInject must be not empty*");
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("\\t\\n")]
    public void AddWorkflow_WhitespaceExpression_ThrowsExpressionMessage(string expression)
    {
        // RulesEngine's NotEmpty() validators reject whitespace too (checked against the package).
        Add($$"""{ "WorkflowName": "w", "Rules": [ { "RuleName": "r", "Expression": "{{expression}}" } ] }""")
            .Should().Throw<RuleValidationException>()
            .WithMessage("*Expression cannot be null or empty when RuleExpressionType is LambdaExpression*");
    }

    [Fact]
    public void AddWorkflow_LeafWithoutExpression_ThrowsExpressionMessage()
    {
        Add("""{ "WorkflowName": "w", "Rules": [ { "RuleName": "r" } ] }""")
            .Should().Throw<RuleValidationException>()
            .WithMessage("*Expression cannot be null or empty when RuleExpressionType is LambdaExpression*");
    }

    [Fact]
    public void AddWorkflow_LeafWithChildren_ThrowsOperatorRulesMessage()
    {
        Add("""{ "WorkflowName": "w", "Rules": [ { "RuleName": "r", "Expression": "true", "Rules": [ { "RuleName": "c", "Expression": "true" } ] } ] }""")
            .Should().Throw<RuleValidationException>().WithMessage("*Cannot use Rules field when Operator is null*");
    }

    [Fact]
    public void AddWorkflow_InvalidNestedChild_ReportsChildPath()
    {
        var act = Add("""{ "WorkflowName": "w", "Rules": [ { "RuleName": "r", "Operator": "Or", "Rules": [ { "RuleName": "c" } ] } ] }""");

        act.Should().Throw<RuleValidationException>().Which.Errors.Should().ContainSingle()
            .Which.Should().Be("Rules[0].Rules[0].Expression: Expression cannot be null or empty when RuleExpressionType is LambdaExpression");
    }

    [Fact]
    public void AddWorkflow_DuplicateScopedParamNames_Throws()
    {
        var act = Add("""
            { "WorkflowName": "w", "GlobalParams": [ { "Name": "g", "Expression": "1" }, { "Name": "g", "Expression": "2" } ],
              "Rules": [ { "RuleName": "r", "Expression": "true", "LocalParams": [ { "Name": "l", "Expression": "1" }, { "Name": "l", "Expression": "1" } ] } ] }
            """);

        act.Should().Throw<RuleValidationException>().Which.Errors.Should().HaveCount(2)
            .And.Contain(e => e.Contains("Duplicate GlobalParam name 'g'"))
            .And.Contain(e => e.Contains("Duplicate LocalParam name 'l'"));
    }

    [Fact]
    public void AddWorkflow_SeveralProblems_ReportsAllAtOnce()
    {
        var act = Add("""{ "WorkflowName": "w", "Rules": [ { "RuleName": "" , "Expression": "true" }, { "RuleName": "b" } ] }""");

        act.Should().Throw<RuleValidationException>().Which.Errors.Should().HaveCount(2);
    }

    [Fact]
    public void AddWorkflow_ExistingName_ThrowsUseAddOrUpdate()
    {
        var engine = new RulesEngine();
        var workflow = WorkflowJson.Parse("""{ "WorkflowName": "w", "Rules": [ { "RuleName": "r", "Expression": "true" } ] }""");
        engine.AddWorkflow(workflow);

        var act = () => engine.AddWorkflow(workflow);

        act.Should().Throw<RuleValidationException>()
            .WithMessage("Cannot add workflow `w` as it already exists. Use `AddOrUpdateWorkflow` to update existing workflow");
    }

    [Fact]
    public void Constructor_InvalidWorkflow_Throws()
    {
        var act = () => new RulesEngine([new Workflow { WorkflowName = "w" }]);

        act.Should().Throw<RuleValidationException>();
    }

    [Fact]
    public void AddWorkflow_DuplicateEnabledTopLevelNames_Throws()
    {
        Add("""{ "WorkflowName": "w", "Rules": [ { "RuleName": "r", "Expression": "true" }, { "RuleName": "r", "Expression": "false" } ] }""")
            .Should().Throw<RuleValidationException>().WithMessage("*Rule name `r` is used by more than one enabled rule*");
    }

    [Fact]
    public void AddWorkflow_DuplicateNameOnDisabledRule_IsAllowed()
    {
        Add("""{ "WorkflowName": "w", "Rules": [ { "RuleName": "r", "Expression": "true" }, { "RuleName": "r", "Expression": "false", "Enabled": false } ] }""")
            .Should().NotThrow();
    }

    [Fact]
    public void AddWorkflow_SameNameTwiceInOneCall_ThrowsAndAddsNothing()
    {
        var engine = new RulesEngine();
        var workflows = WorkflowJson.Parse("""
            [ { "WorkflowName": "w", "Rules": [ { "RuleName": "r", "Expression": "true" } ] }, { "WorkflowName": "w", "Rules": [ { "RuleName": "r", "Expression": "false" } ] } ]
            """);

        var act = () => engine.AddWorkflow(workflows);

        act.Should().Throw<RuleValidationException>().WithMessage("Cannot add workflow `w` as it already exists*");
        engine.ContainsWorkflow("w").Should().BeFalse();
    }
}
