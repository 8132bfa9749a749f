namespace Compliance.Rules.Tests.Workflows;

public class NestedRuleTests
{
    private static string Nested(string op, params bool[] children) =>
        $$"""{ "RuleName": "p", "Operator": "{{op}}", "Rules": [ {{string.Join(",", children.Select((c, i) => $$"""{ "RuleName": "c{{i}}", "Expression": "{{(c ? "true" : "false")}}" }"""))}} ] }""";

    [Theory]
    [InlineData("And", new[] { true, true }, true)]
    [InlineData("And", new[] { true, false }, false)]
    [InlineData("AndAlso", new[] { false, true }, false)]
    [InlineData("Or", new[] { false, true }, true)]
    [InlineData("OrElse", new[] { false, false }, false)]
    public async Task Nested_AllMode_CombinesAndKeepsEveryChild(string op, bool[] children, bool expected)
    {
        var result = (await Engines.WithRules(Nested(op, children)).ExecuteAllRulesAsync("w", Engines.Order())).Single();

        result.IsSuccess.Should().Be(expected);
        result.ChildResults.Should().HaveCount(children.Length);
        result.ChildResults!.Select(c => c.IsSuccess).Should().Equal(children);
    }

    [Theory]
    [InlineData("And", new[] { true, false, true }, false, 2)]
    [InlineData("And", new[] { true, true }, true, 2)]
    [InlineData("Or", new[] { false, true, false }, true, 2)]
    [InlineData("OrElse", new[] { true, false }, true, 1)]
    public async Task Nested_PerformanceMode_StopsEarly(string op, bool[] children, bool expected, int evaluated)
    {
        var settings = new ReSettings { NestedRuleExecutionMode = NestedRuleExecutionMode.Performance };

        var result = (await Engines.WithRules(Nested(op, children), settings).ExecuteAllRulesAsync("w", Engines.Order())).Single();

        result.IsSuccess.Should().Be(expected);
        result.ChildResults.Should().HaveCount(evaluated);
    }

    [Fact]
    public async Task Nested_AllChildrenDisabled_IsFalse()
    {
        var engine = Engines.WithRules("""{ "RuleName": "p", "Operator": "And", "Rules": [ { "RuleName": "c", "Expression": "true", "Enabled": false } ] }""");

        var result = (await engine.ExecuteAllRulesAsync("w", Engines.Order())).Single();

        result.IsSuccess.Should().BeFalse();
        result.ChildResults.Should().BeEmpty();
    }

    [Fact]
    public async Task Nested_DisabledChild_Absent()
    {
        var engine = Engines.WithRules("""
            { "RuleName": "p", "Operator": "Or", "Rules": [ { "RuleName": "on", "Expression": "false" }, { "RuleName": "off", "Expression": "true", "Enabled": false } ] }
            """);

        var result = (await engine.ExecuteAllRulesAsync("w", Engines.Order())).Single();

        result.IsSuccess.Should().BeFalse();
        result.ChildResults!.Select(c => c.Rule.RuleName).Should().Equal("on");
    }

    [Fact]
    public async Task Nested_ParentExpression_Ignored()
    {
        var engine = Engines.WithRules("""{ "RuleName": "p", "Operator": "And", "Expression": "false", "Rules": [ { "RuleName": "c", "Expression": "true" } ] }""");

        (await engine.ExecuteAllRulesAsync("w", Engines.Order())).Single().IsSuccess.Should().BeTrue();
    }

    [Fact]
    public async Task Nested_DeepTree_Works()
    {
        var engine = Engines.WithRules("""
            { "RuleName": "a", "Operator": "And", "Rules": [
                { "RuleName": "b", "Operator": "Or", "Rules": [ { "RuleName": "c", "Expression": "input1.Amount > 1000" }, { "RuleName": "d", "Expression": "input1.Country == \"DE\"" } ] },
                { "RuleName": "e", "Expression": "input1.Amount > 10" } ] }
            """);

        var result = (await engine.ExecuteAllRulesAsync("w", Engines.Order(100))).Single();

        result.IsSuccess.Should().BeTrue();
        result.ChildResults!.First().ChildResults!.Select(c => c.IsSuccess).Should().Equal(false, true);
    }

    [Fact]
    public async Task Nested_ChildError_ParentFailsChildCarriesMessage()
    {
        var engine = Engines.WithRules("""
            { "RuleName": "p", "Operator": "Or", "ErrorMessage": "parent failed", "Rules": [ { "RuleName": "c", "Expression": "input1.Amount / input1.Zero > 1" } ] }
            """);

        var result = (await engine.ExecuteAllRulesAsync("w", Engines.Order())).Single();

        result.IsSuccess.Should().BeFalse();
        result.ExceptionMessage.Should().Be("parent failed");
        result.ChildResults!.Single().ExceptionMessage.Should().Be("Error while executing rule : c - Attempted to divide by zero.");
    }

    [Fact]
    public async Task Nested_LowerCaseOperator_FailsLikeRulesEngine()
    {
        var engine = Engines.WithRules("""{ "RuleName": "p", "Operator": "and", "Rules": [ { "RuleName": "c", "Expression": "true" } ] }""");

        var result = (await engine.ExecuteAllRulesAsync("w", Engines.Order())).Single();

        result.IsSuccess.Should().BeFalse();
        result.ExceptionMessage.Should().StartWith("Exception while parsing expression `` - Value cannot be null");
    }
}
