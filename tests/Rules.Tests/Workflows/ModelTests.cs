namespace Compliance.Rules.Tests.Workflows;

public class ModelTests
{
    [Fact]
    public void ReSettings_Defaults_MatchRulesEngine()
    {
        var settings = new ReSettings();

        settings.Should().BeEquivalentTo(new
        {
            CustomTypes = (Type[]?)null,
            CustomActions = (Dictionary<string, Func<ActionBase>>?)null,
            EnableExceptionAsErrorMessage = true,
            IgnoreException = false,
            EnableFormattedErrorMessage = true,
            EnableScopedParams = true,
            IsExpressionCaseSensitive = false,
            AutoRegisterInputType = true,
            NestedRuleExecutionMode = NestedRuleExecutionMode.All,
            UseFastExpressionCompiler = false,
            EnableExceptionAsErrorMessageForRuleExpressionParsing = true,
            AutoExecuteActions = true,
            EnableParallelRuleCompilation = false,
        });
        settings.CacheConfig.SizeLimit.Should().Be(1000);
    }

    [Fact]
    public void RuleParameter_NullValue_IsTypedObject()
    {
        var parameter = new RuleParameter("x", null);

        parameter.Type.Should().Be<object>();
        parameter.ParameterExpression.Name.Should().Be("x");
    }

    [Fact]
    public void RuleParameterCreate_NullValue_KeepsDeclaredType()
    {
        RuleParameter.Create<string>("s", null!).Type.Should().Be<string>();
        RuleParameter.Create("t", typeof(DateTime)).Type.Should().Be<DateTime>();
        RuleParameter.Create<object>("o", "text").Type.Should().Be<string>();
    }

    [Fact]
    public void RuleParameter_JsonScalar_IsUnwrapped()
    {
        using var document = System.Text.Json.JsonDocument.Parse("""{ "n": 5, "d": 1.5, "s": "x", "b": true }""");
        var root = document.RootElement;

        new RuleParameter("n", root.GetProperty("n")).Value.Should().Be(5L);
        new RuleParameter("d", root.GetProperty("d")).Value.Should().Be(1.5);
        new RuleParameter("s", root.GetProperty("s")).Value.Should().Be("x");
        new RuleParameter("b", root.GetProperty("b")).Value.Should().Be(true);
    }

    [Fact]
    public void OnSuccess_FirstSuccessfulRule_PassesSuccessEventOrName()
    {
        var results = new List<RuleResultTree>
        {
            new() { Rule = new Rule { RuleName = "a" }, IsSuccess = false },
            new() { Rule = new Rule { RuleName = "b" }, IsSuccess = true },
            new() { Rule = new Rule { RuleName = "c", SuccessEvent = "C!" }, IsSuccess = true },
        };
        string? seen = null;
        var failed = false;

        results.OnSuccess(e => seen = e).OnFail(() => failed = true);

        seen.Should().Be("b");
        failed.Should().BeFalse();
    }

    [Fact]
    public void OnFail_AllFailed_Fires()
    {
        var results = new List<RuleResultTree> { new() { Rule = new Rule { RuleName = "a", SuccessEvent = "A" } } };
        var failed = false;
        string? seen = null;

        results.OnSuccess(e => seen = e).OnFail(() => failed = true);

        failed.Should().BeTrue();
        seen.Should().BeNull();
    }

    [Fact]
    public void ActionContext_Keys_AreCaseInsensitiveAndConverted()
    {
        var context = new ActionContext(new Dictionary<string, object> { ["Count"] = 3, ["Name"] = "x", ["list"] = new[] { "a", "b" } }, new RuleResultTree());

        context.GetContext<int>("count").Should().Be(3);
        context.GetContext<string>("NAME").Should().Be("x");
        context.GetContext<string>("count").Should().Be("3");
        context.GetContext<List<string>>("List").Should().Equal("a", "b");
        context.TryGetContext<int>("missing", out _).Should().BeFalse();
        context.TryGetContext<int>("name", out _).Should().BeFalse();
        var act = () => context.GetContext<int>("missing");
        act.Should().Throw<ArgumentException>().WithMessage("Argument `missing` was not found in the action context");
    }
}
