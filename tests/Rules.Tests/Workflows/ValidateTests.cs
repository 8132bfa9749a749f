namespace Compliance.Rules.Tests.Workflows;

public class ValidateTests
{
    private static Workflow Parse(string json) => WorkflowJson.Parse(json).Single();

    [Fact]
    public void Validate_SyntaxErrors_ReportedWithPathFieldAndPosition()
    {
        var workflow = Parse("""
            { "WorkflowName": "pre-transaction", "GlobalParams": [ { "Name": "g", "Expression": "1 +" } ],
              "Rules": [
                { "RuleName": "LargeAmount", "Expression": "input1.Amount > )" },
                { "RuleName": "Parent", "Operator": "And", "LocalParams": [ { "Name": "spent", "Expression": "(1" } ],
                  "Rules": [ { "RuleName": "Child", "Expression": "input1.x ==" } ] },
                { "RuleName": "Out", "Expression": "true", "Actions": { "OnSuccess": { "Name": "OutputExpression", "Context": { "expression": "1 *" } } } },
                { "RuleName": "Ok", "Expression": "input1.Amount > 5" } ] }
            """);

        var problems = new RulesEngine().Validate(workflow);

        problems.Select(p => (p.RulePath, p.Field)).Should().BeEquivalentTo(new (string?, string)[]
        {
            (null, "GlobalParams[g]"), ("LargeAmount", "Expression"), ("Parent", "LocalParams[spent]"), ("Parent/Child", "Expression"), ("Out", "Actions.OnSuccess"),
        });
        problems.Should().OnlyContain(p => p.WorkflowName == "pre-transaction" && p.Line == 1 && p.Column > 0);
        var large = problems.Single(p => p.RulePath == "LargeAmount");
        large.Column.Should().Be(17);
        large.ToString().Should().Be($"pre-transaction: rule LargeAmount, 1:17: {large.Message}");
        problems.Single(p => p.RulePath == "Parent").ToString().Should().StartWith("pre-transaction: rule Parent, LocalParams[spent], 1:");
    }

    [Fact]
    public void Validate_StructuralProblems_IncludedWithoutPositions()
    {
        var workflow = new Workflow
        {
            WorkflowName = "w",
            Rules = [new Rule { RuleName = "a" }, new Rule { RuleName = "b", Operator = "and", Rules = [new Rule { RuleName = "c", Expression = "true" }] }],
        };

        var problems = new RulesEngine().Validate(workflow);

        problems.Should().HaveCount(2);
        problems[0].Should().BeEquivalentTo(new { RulePath = "a", Field = "Expression", Line = (int?)null });
        problems[0].Message.Should().Be("Expression cannot be null or empty when RuleExpressionType is LambdaExpression");
        problems[1].Should().BeEquivalentTo(new { RulePath = "b", Field = "Operator" });
        problems[0].ToString().Should().Be("w: rule a: Expression cannot be null or empty when RuleExpressionType is LambdaExpression");
    }

    [Fact]
    public void Validate_ValidWorkflow_NoProblems()
    {
        var workflow = Parse("""{ "WorkflowName": "w", "Rules": [ { "RuleName": "a", "Expression": "input1.Amount > 5" } ] }""");

        new RulesEngine().Validate(workflow).Should().BeEmpty();
        new RulesEngine().Validate(workflow, typeof(Order)).Should().BeEmpty();
    }

    [Fact]
    public void Validate_WithInputTypes_ReportsBindErrors()
    {
        var workflow = Parse("""
            { "WorkflowName": "w", "Rules": [
              { "RuleName": "typo", "Expression": "input1.Amout > 5" },
              { "RuleName": "type", "Expression": "input1.Country > 5" },
              { "RuleName": "fine", "Expression": "input1.Amount > 5" },
              { "RuleName": "p", "Operator": "Or", "Rules": [ { "RuleName": "c", "Expression": "input1.Nope" } ] } ] }
            """);

        var problems = new RulesEngine().Validate(workflow, typeof(Order));

        problems.Select(p => p.RulePath).Should().Equal("typo", "type", "p/c");
        problems.Should().OnlyContain(p => p.Line == 1 && p.Column >= 1);
        problems[0].Column.Should().Be(8, "the unknown member starts after 'input1.'");
    }

    [Fact]
    public void Validate_DoesNotRegisterOrExecute()
    {
        var engine = new RulesEngine();

        engine.Validate(Parse("""{ "WorkflowName": "w", "Rules": [ { "RuleName": "a", "Expression": "true" } ] }"""), typeof(Order));

        engine.ContainsWorkflow("w").Should().BeFalse();
    }

    [Fact]
    public void Validate_WithInputTypes_KeepsGoingAfterFailedScopedParams()
    {
        var workflow = Parse("""
            { "WorkflowName": "w", "GlobalParams": [ { "Name": "g", "Expression": "input1.Nope" }, { "Name": "h", "Expression": "input1.Amount" } ],
              "Rules": [
                { "RuleName": "usesG", "Expression": "g == null" },
                { "RuleName": "badLocal", "LocalParams": [ { "Name": "l", "Expression": "input1.Missing" } ], "Expression": "l == null && h > 1" },
                { "RuleName": "bad", "Expression": "input1.Country > 5" } ] }
            """);

        var problems = new RulesEngine().Validate(workflow, typeof(Order));

        problems.Select(p => $"{p.RulePath}|{p.Field}").Should().Equal("|GlobalParams[g]", "badLocal|LocalParams[l]", "bad|Expression");
    }

    [Fact]
    public void Validate_WithInputTypes_BindsOutputExpressionsInRuleScope()
    {
        var workflow = Parse("""
            { "WorkflowName": "w", "Rules": [
              { "RuleName": "ok", "Expression": "true", "LocalParams": [ { "Name": "l", "Expression": "2" } ],
                "Actions": { "OnSuccess": { "Name": "OutputExpression", "Context": { "expression": "input1.Amount * l" } } } },
              { "RuleName": "bad", "Expression": "true",
                "Actions": { "OnFailure": { "Name": "OutputExpression", "Context": { "expression": "input1.Nope + l" } } } } ] }
            """);

        var problems = new RulesEngine().Validate(workflow, typeof(Order));

        problems.Should().NotBeEmpty().And.OnlyContain(p => p.RulePath == "bad" && p.Field == "Actions.OnFailure");
    }
}
