namespace Compliance.Rules.Tests.Workflows;

public class RuleTestRunnerTests
{
    private const string Workflow = """
        [ { "WorkflowName": "pre-transaction",
            "Rules": [
              { "RuleName": "LargeAmount", "Expression": "input1.amount > 10000",
                "Actions": { "OnSuccess": { "Name": "OutputExpression", "Context": { "Expression": "input1.amount * 0.1" } } } },
              { "RuleName": "HighRiskCountry", "Expression": "input1.country in (\"IR\", \"KP\")" },
              { "RuleName": "Broken", "Expression": "input1.amount / input1.zero > 1" } ] } ]
        """;

    [Fact]
    public async Task RunAsync_AllExpectationsMet_Passes()
    {
        var report = await RuleTestRunner.RunAsync(Workflow, """
            { "workflow": "pre-transaction", "cases": [
              { "name": "large", "inputs": { "input1": { "amount": 20000, "country": "DE", "zero": 0 } },
                "expect": { "LargeAmount": { "success": true, "output": 2000 }, "HighRiskCountry": false, "Broken": { "error": true, "message": "Error while executing rule : Broken" } } },
              { "name": "positional", "inputs": [ { "amount": 5, "country": "IR", "zero": 5 } ], "expect": { "LargeAmount": false, "HighRiskCountry": true, "Broken": false } } ] }
            """);

        report.Errors.Should().BeEmpty();
        report.Cases.SelectMany(c => c.Assertions).Where(a => !a.Passed).Should().BeEmpty();
        report.Passed.Should().BeTrue();
        report.WorkflowName.Should().Be("pre-transaction");
    }

    [Fact]
    public async Task RunAsync_WrongExpectations_ReportsEachFailure()
    {
        var report = await RuleTestRunner.RunAsync(Workflow, """
            { "cases": [ { "name": "c", "inputs": { "input1": { "amount": 20000, "country": "DE", "zero": 0 } },
                "expect": { "LargeAmount": { "success": true, "output": 1 }, "HighRiskCountry": true, "Broken": false, "Ghost": true } } ] }
            """);

        report.Passed.Should().BeFalse();
        var assertions = report.Cases.Single().Assertions;
        assertions.Should().AllSatisfy(a => a.Passed.Should().BeFalse());
        assertions[0].Message.Should().StartWith("expected output 1, got 2000");
        assertions[1].Message.Should().Be("expected true, got false");
        assertions[2].Message.Should().StartWith("rule failed with an error: Error while executing rule : Broken - ");
        assertions[3].Message.Should().Contain("not in the results");
    }

    [Fact]
    public async Task RunAsync_MalformedFiles_ErrorsAsValues()
    {
        (await RuleTestRunner.RunAsync("[ {", """{ "cases": [] }""")).Errors.Single().Should().StartWith("workflow file: ");
        (await RuleTestRunner.RunAsync(Workflow, """{ "cases": 3 }""")).Errors.Single().Should().Be("test file: $.cases: expected an array of cases");
        (await RuleTestRunner.RunAsync(Workflow, """{ "workflow": "other", "cases": [] }""")).Errors.Single().Should().Contain("`other` is not in the workflow file");
        (await RuleTestRunner.RunAsync(Workflow, """{ "cases": [ { "name": "x", "inputs": 1, "expect": {} } ] }""")).Errors.Single().Should().Contain("$.cases[0].inputs");
    }

    [Fact]
    public async Task RunAsync_NoCases_DoesNotPass()
    {
        var report = await RuleTestRunner.RunAsync(Workflow, """{ "cases": [] }""");

        report.Errors.Should().BeEmpty();
        report.Passed.Should().BeFalse();
    }

    [Fact]
    public async Task RunAsync_SampleRuleSet_Passes()
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "Workflows", "Samples");
        var workflow = await File.ReadAllTextAsync(Path.Combine(directory, "pre-transaction.json"));
        var tests = await File.ReadAllTextAsync(Path.Combine(directory, "pre-transaction.tests.json"));

        var report = await RuleTestRunner.RunAsync(workflow, tests);

        report.Errors.Should().BeEmpty();
        report.Cases.SelectMany(c => c.Assertions).Where(a => !a.Passed).Select(a => a.RuleName + ": " + a.Message).Should().BeEmpty();
        report.Passed.Should().BeTrue();
        report.Cases.Should().HaveCount(3);
    }

    [Fact]
    public async Task RunAsync_NestedRulePath_ChecksChildResult()
    {
        var workflow = """
            { "WorkflowName": "w", "Rules": [ { "RuleName": "p", "Operator": "Or", "Rules": [
                { "RuleName": "a", "Expression": "input1.x > 1" }, { "RuleName": "b", "Expression": "input1.x > 100" } ] } ] }
            """;

        var report = await RuleTestRunner.RunAsync(workflow, """
            { "cases": [ { "name": "c", "inputs": { "input1": { "x": 5 } }, "expect": { "p": true, "p/a": true, "p/b": false, "p/zz": true } } ] }
            """);

        report.Cases.Single().Assertions.Select(a => a.Passed).Should().Equal(true, true, true, false);
    }

    [Theory]
    [InlineData("rules/pre-transaction/pre-transaction.json", "rules/pre-transaction/pre-transaction.tests.json")]
    [InlineData("a/b.JSON", "a/b.tests.json")]
    [InlineData("a/b", "a/b.tests.json")]
    public void TestFilePathFor_RuleSetPath_IsSiblingTestsFile(string ruleSet, string expected)
    {
        RuleTestRunner.TestFilePathFor(ruleSet).Should().Be(expected);
    }
}
