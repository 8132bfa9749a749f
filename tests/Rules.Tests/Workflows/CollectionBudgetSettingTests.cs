namespace Compliance.Rules.Tests.Workflows;

public class CollectionBudgetSettingTests
{
    private const string CountRule = """{ "RuleName": "r", "Expression": "input1.Items.Count(x => x >= 0) > 0" }""";

    [Fact]
    public void MaxCollectionWork_Default_IsTheExpressionLayerDefault()
    {
        new ReSettings().MaxCollectionWork.Should().Be(1_000_000);
    }

    [Fact]
    public void MaxCollectionWork_Negative_Throws()
    {
        var settings = new ReSettings();

        var act = () => settings.MaxCollectionWork = -1;

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public async Task ExecuteAllRulesAsync_SmallMaxCollectionWork_RuleFailsWithLimitError()
    {
        var engine = Engines.WithRules(CountRule, new ReSettings { MaxCollectionWork = 10 });

        var result = (await engine.ExecuteAllRulesAsync("w", new Order { Items = [.. Enumerable.Range(0, 11)] })).Single();

        result.IsSuccess.Should().BeFalse();
        result.ExceptionMessage.Should().StartWith("Error while executing rule : r - ");
    }

    [Fact]
    public async Task ExecuteAllRulesAsync_WorkWithinMaxCollectionWork_Passes()
    {
        var engine = Engines.WithRules(CountRule, new ReSettings { MaxCollectionWork = 10 });

        var result = (await engine.ExecuteAllRulesAsync("w", new Order { Items = [.. Enumerable.Range(0, 10)] })).Single();

        result.IsSuccess.Should().BeTrue(result.ExceptionMessage);
    }

    [Fact]
    public async Task ExecuteAllRulesAsync_LargeMaxCollectionWork_AllowsMoreThanTheDefault()
    {
        var engine = Engines.WithRules(CountRule, new ReSettings { MaxCollectionWork = 2_000_000 });

        var result = (await engine.ExecuteAllRulesAsync("w", new Order { Items = [.. Enumerable.Range(0, 1_100_000)] })).Single();

        result.IsSuccess.Should().BeTrue(result.ExceptionMessage);
    }

    [Fact]
    public async Task ExecuteAllRulesAsync_SettingsChangedAfterConstruction_NoEffect()
    {
        var settings = new ReSettings { MaxCollectionWork = 10 };
        var engine = Engines.WithRules(CountRule, settings);
        settings.MaxCollectionWork = 1_000_000;

        var result = (await engine.ExecuteAllRulesAsync("w", new Order { Items = [.. Enumerable.Range(0, 11)] })).Single();

        result.IsSuccess.Should().BeFalse();
    }

    [Fact]
    public void Evaluate_DelegatePath_UsesMaxCollectionWork()
    {
        var engine = Engines.WithRules(CountRule, new ReSettings { MaxCollectionWork = 10 });
        var compiled = engine.Compile("w", [typeof(Order)]);
        var outcomes = new RuleOutcome[1];

        compiled.Evaluate(new Order { Items = [.. Enumerable.Range(0, 11)] }, outcomes);

        outcomes[0].Kind.Should().Be(RuleOutcomeKind.Error);
    }

    [Fact]
    public void RuleExpressionParser_SmallMaxCollectionWork_Throws()
    {
        var parser = new RuleExpressionParser(new ReSettings { MaxCollectionWork = 10 });
        var parameters = new[] { new RuleParameter("items", Enumerable.Range(0, 11).ToList()) };

        var act = () => parser.Evaluate<bool>("items.Any(x => x > 100)", parameters);

        act.Should().Throw<Exception>().Which.Message.Should().Contain("collection work");
    }

    [Fact]
    public async Task OutputExpressionAction_SmallMaxCollectionWork_ActionFails()
    {
        var engine = Engines.WithRules("""
            { "RuleName": "r", "Expression": "true",
              "Actions": { "OnSuccess": { "Name": "OutputExpression", "Context": { "Expression": "input1.Items.Count(x => x >= 0)" } } } }
            """, new ReSettings { MaxCollectionWork = 10 });

        var result = (await engine.ExecuteAllRulesAsync("w", new Order { Items = [.. Enumerable.Range(0, 11)] })).Single();

        result.ActionResult!.Exception.Should().NotBeNull();
    }
}
