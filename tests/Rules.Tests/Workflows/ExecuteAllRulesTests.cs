using System.Dynamic;

namespace Compliance.Rules.Tests.Workflows;

public class ExecuteAllRulesTests
{
    [Fact]
    public async Task ExecuteAllRulesAsync_PositionalInputs_NamedInput1ToN()
    {
        var engine = Engines.WithRules("""
            { "RuleName": "big", "Expression": "input1.Amount > 50" },
            { "RuleName": "small", "Expression": "input1.Amount < 50 && input2.Age > 1" }
            """);

        var results = await engine.ExecuteAllRulesAsync("w", Engines.Order(100), new Customer { Age = 5 });

        results.Select(r => (r.Rule.RuleName, r.IsSuccess)).Should().Equal(("big", true), ("small", false));
        results[0].ExceptionMessage.Should().Be("");
        results[0].ChildResults.Should().BeNull();
        results[0].Inputs.Keys.Should().BeEquivalentTo("input1", "input2");
    }

    [Fact]
    public async Task ExecuteAllRulesAsync_NamedParameters_UseTheirNames()
    {
        var engine = Engines.WithRules("""{ "RuleName": "r", "Expression": "order.Country == \"DE\" && customer.Name == \"Ann\"" }""");

        var results = await engine.ExecuteAllRulesAsync("w", new RuleParameter("order", Engines.Order()), new RuleParameter("customer", new Customer { Name = "Ann" }));

        results.Single().IsSuccess.Should().BeTrue();
    }

    [Fact]
    public async Task ExecuteAllRulesAsync_ExpandoInput_Works()
    {
        var engine = Engines.WithRules("""{ "RuleName": "r", "Expression": "input1.country == \"india\" AND input1.loyaltyFactor <= 2" }""");
        var input = RuleInputs.FromJson("""{ "country": "india", "loyaltyFactor": 2 }""");

        var results = await engine.ExecuteAllRulesAsync("w", input!);

        input.Should().BeOfType<ExpandoObject>();
        results.Single().IsSuccess.Should().BeTrue();
    }

    [Fact]
    public async Task ExecuteAllRulesAsync_DisabledRule_AbsentFromResults()
    {
        var engine = Engines.WithRules("""
            { "RuleName": "a", "Expression": "true" },
            { "RuleName": "off", "Expression": "true", "Enabled": false },
            { "RuleName": "b", "Expression": "false" }
            """);

        var results = await engine.ExecuteAllRulesAsync("w", Engines.Order());

        results.Select(r => r.Rule.RuleName).Should().Equal("a", "b");
    }

    [Fact]
    public async Task ExecuteAllRulesAsync_UnknownWorkflow_ThrowsArgumentException()
    {
        var engine = Engines.WithRules("""{ "RuleName": "a", "Expression": "true" }""");

        var act = async () => await engine.ExecuteAllRulesAsync("nope", Engines.Order());

        await act.Should().ThrowAsync<ArgumentException>().WithMessage("Rule config file is not present for the nope workflow");
    }

    [Fact]
    public async Task ExecuteAllRulesAsync_ResultRule_IsTheWorkflowsRuleObject()
    {
        var workflow = WorkflowJson.Parse("""{ "WorkflowName": "w", "Rules": [ { "RuleName": "a", "Expression": "true", "Properties": { "id": "R-1" } } ] }""")[0];
        var engine = new RulesEngine([workflow]);

        var results = await engine.ExecuteAllRulesAsync("w", Engines.Order());

        results.Single().Rule.Should().BeSameAs(workflow.Rules!.Single());
        results.Single().Rule.Properties!["id"].ToString().Should().Be("R-1");
    }

    [Fact]
    public async Task ExecuteAllRulesAsync_NullInput_IsAllowed()
    {
        var engine = Engines.WithRules("""{ "RuleName": "a", "Expression": "input1 == null" }""");

        var results = await engine.ExecuteAllRulesAsync("w", new object[] { null! });

        results.Single().IsSuccess.Should().BeTrue();
    }

    [Fact]
    public async Task ExecuteAllRulesAsync_NewInputShape_CompilesAgain()
    {
        var engine = Engines.WithRules("""{ "RuleName": "a", "Expression": "input1.Amount > 5" }""");

        (await engine.ExecuteAllRulesAsync("w", Engines.Order(10))).Single().IsSuccess.Should().BeTrue();
        var expando = RuleInputs.FromJson("""{ "Amount": 1 }""")!;
        (await engine.ExecuteAllRulesAsync("w", expando)).Single().IsSuccess.Should().BeFalse();
        (await engine.ExecuteAllRulesAsync("w", Engines.Order(10))).Single().IsSuccess.Should().BeTrue();
    }

    [Fact]
    public async Task ExecuteAllRulesAsync_RulesWithoutLocals_ShareInputs()
    {
        var engine = Engines.WithRules("""{ "RuleName": "a", "Expression": "true" }, { "RuleName": "b", "Expression": "true" }""");

        var results = await engine.ExecuteAllRulesAsync("w", Engines.Order());

        results[0].Inputs.Should().BeSameAs(results[1].Inputs);
    }

    [Fact]
    public async Task ExecuteAllRulesAsync_CanceledToken_Throws()
    {
        var engine = Engines.WithRules("""{ "RuleName": "a", "Expression": "true" }""");
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        var act = async () => await engine.ExecuteAllRulesAsync("w", [new RuleParameter("input1", 1)], cts.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task ExecuteAllRulesAsync_CaseInsensitiveByDefault_CaseSensitiveWhenSet()
    {
        const string rule = """{ "RuleName": "a", "Expression": "INPUT1 == \"hello\"" }""";

        (await Engines.WithRules(rule).ExecuteAllRulesAsync("w", "hello")).Single().IsSuccess.Should().BeTrue();
        var strict = await Engines.WithRules(rule, new ReSettings { IsExpressionCaseSensitive = true }).ExecuteAllRulesAsync("w", "hello");
        strict.Single().IsSuccess.Should().BeFalse();
        strict.Single().ExceptionMessage.Should().StartWith("Exception while parsing expression `INPUT1 == \"hello\"` - ");
    }

    [Fact]
    public async Task ExecuteAllRulesAsync_CustomTypes_StaticMethodsCallable()
    {
        var engine = Engines.WithRules("""{ "RuleName": "a", "Expression": "Counter.Next() > 0" }""", new ReSettings { CustomTypes = [typeof(Counter)] });

        var results = await engine.ExecuteAllRulesAsync("w", Engines.Order());

        results.Single().IsSuccess.Should().BeTrue(results.Single().ExceptionMessage);
    }

    [Fact]
    public async Task ExecuteAllRulesAsync_ParallelCompilation_SameResults()
    {
        var rules = string.Join(",", Enumerable.Range(0, 40).Select(i => $$"""{ "RuleName": "r{{i}}", "Expression": "input1.Amount > {{i * 5}}" }"""));
        var serial = await Engines.WithRules(rules).ExecuteAllRulesAsync("w", Engines.Order(100));
        var parallel = await Engines.WithRules(rules, new ReSettings { EnableParallelRuleCompilation = true }).ExecuteAllRulesAsync("w", Engines.Order(100));

        parallel.Select(r => (r.Rule.RuleName, r.IsSuccess)).Should().Equal(serial.Select(r => (r.Rule.RuleName, r.IsSuccess)));
        parallel.Count(r => r.IsSuccess).Should().Be(20);
    }

    [Fact]
    public async Task ExecuteAllRulesAsync_RuleLevelWorkflowsToInject_ValidatesButFailsAsLeafWithoutExpression()
    {
        var engine = Engines.WithRules("""{ "RuleName": "p", "Operator": "And", "WorkflowsToInject": ["x"] }""");

        var result = (await engine.ExecuteAllRulesAsync("w", Engines.Order())).Single();

        result.IsSuccess.Should().BeFalse();
        result.ExceptionMessage.Should().StartWith("Exception while parsing expression `` - Value cannot be null");
    }

    [Fact]
    public async Task ExecuteAllRulesAsync_EachExecution_GetsAFreshCollectionBudget()
    {
        var engine = Engines.WithRules("""{ "RuleName": "r", "Expression": "input1.Items.Count(x => x >= 0) > 0" }""");
        var order = new Order { Items = [.. Enumerable.Range(0, 600_000)] };

        for (var i = 0; i < 3; i++)
        {
            var result = (await engine.ExecuteAllRulesAsync("w", order)).Single();
            result.IsSuccess.Should().BeTrue(result.ExceptionMessage);
        }
    }

    [Fact]
    public async Task ExecuteAllRulesAsync_CollectionBudgetExceeded_RuntimeErrorThenNextRuleRuns()
    {
        var engine = Engines.WithRules("""
            { "RuleName": "huge", "Expression": "input1.Items.Count(x => x >= 0) > 0" },
            { "RuleName": "small", "Expression": "input1.Amount == 0" }
            """);
        var order = new Order { Items = [.. Enumerable.Range(0, 1_100_000)] };

        var results = await engine.ExecuteAllRulesAsync("w", order);

        results[0].ExceptionMessage.Should().StartWith("Error while executing rule : huge - ");
        results[1].IsSuccess.Should().BeTrue();
    }

    [Fact]
    public async Task ExecuteAllRulesAsync_InputInstanceMethods_CallableThroughAutoRegistration()
    {
        var engine = Engines.WithRules("""{ "RuleName": "r", "Expression": "counter.Next() == 1" }""");

        var result = (await engine.ExecuteAllRulesAsync("w", new RuleParameter("counter", new InstanceCounter()))).Single();

        result.IsSuccess.Should().BeTrue(result.ExceptionMessage);
    }

    [Fact]
    public async Task ExecuteAllRulesAsync_SmallCacheLimit_StillCorrectAcrossShapes()
    {
        var engine = Engines.WithRules("""{ "RuleName": "r", "Expression": "input1 != null" }""", new ReSettings { CacheConfig = new MemCacheConfig { SizeLimit = 1 } });

        for (var i = 0; i < 3; i++)
        {
            (await engine.ExecuteAllRulesAsync("w", 1)).Single().IsSuccess.Should().BeTrue();
            (await engine.ExecuteAllRulesAsync("w", "x")).Single().IsSuccess.Should().BeTrue();
            (await engine.ExecuteAllRulesAsync("w", Engines.Order())).Single().IsSuccess.Should().BeTrue();
        }
    }

    [Fact]
    public async Task ExecuteAllRulesAsync_Failure_SurfacesThroughTheTaskNotTheCall()
    {
        var engine = Engines.WithRules("""{ "RuleName": "a", "Expression": "true" }""");

        var pending = engine.ExecuteAllRulesAsync("nope", Engines.Order());
        var act = async () => await pending;

        pending.IsFaulted.Should().BeTrue();
        await act.Should().ThrowAsync<ArgumentException>();
    }
}
