namespace Compliance.Rules.Tests.Workflows;

public class DelegatePathTests
{
    private const string Mixed = """
        { "WorkflowName": "w", "GlobalParams": [ { "Name": "limit", "Expression": "50" } ],
          "Rules": [
            { "RuleName": "big", "Expression": "input1.Amount > limit" },
            { "RuleName": "de", "Expression": "input1.Country == \"DE\"" },
            { "RuleName": "boom", "Expression": "input1.Amount / input1.Zero > 1" },
            { "RuleName": "bad", "Expression": "input1.Amount >" },
            { "RuleName": "nre", "Expression": "input1.Customer.Name == \"Ann\"" },
            { "RuleName": "local", "Expression": "twice > 100", "LocalParams": [ { "Name": "twice", "Expression": "input1.Amount * 2" } ] },
            { "RuleName": "off", "Expression": "true", "Enabled": false },
            { "RuleName": "nested", "Operator": "Or", "Rules": [
                { "RuleName": "n1", "Expression": "input1.Amount > 1000" },
                { "RuleName": "n2", "Operator": "And", "LocalParams": [ { "Name": "c", "Expression": "input1.Country" } ],
                  "Rules": [ { "RuleName": "n21", "Expression": "c == \"FR\"" }, { "RuleName": "n22", "Expression": "input1.Items.Count > 2" } ] } ] }
          ] }
        """;

    public static TheoryData<int, string, bool> Inputs => new()
    {
        { 10, "DE", true }, { 100, "FR", true }, { 60, "FR", false }, { 2000, "US", false }, { 0, "", true },
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task Evaluate_AnyInput_SameAnswersAsExecuteAllRules(int amount, string country, bool hasCustomer)
    {
        foreach (var mode in new[] { NestedRuleExecutionMode.All, NestedRuleExecutionMode.Performance })
        {
            var engine = Engines.FromJson(Mixed, new ReSettings { NestedRuleExecutionMode = mode });
            var order = new Order { Amount = amount, Country = country, Customer = hasCustomer ? new Customer { Name = "Ann" } : null, Items = [1, 2, 3] };
            var compiled = engine.Compile("w", typeof(Order));
            var outcomes = new RuleOutcome[compiled.RuleCount];

            compiled.Evaluate(order, outcomes);
            var results = await engine.ExecuteAllRulesAsync("w", order);

            compiled.RuleNames.Should().Equal(results.Select(r => r.Rule.RuleName));
            outcomes.Select(o => o.IsSuccess).Should().Equal(results.Select(r => r.IsSuccess));
            for (var i = 0; i < outcomes.Length; i++)
            {
                if (outcomes[i].Kind == RuleOutcomeKind.Error)
                {
                    outcomes[i].Error!.Message.Should().Be(results[i].ExceptionMessage);
                }
                else
                {
                    results[i].ExceptionMessage.Should().NotStartWith("Error").And.NotStartWith("Exception");
                }
            }
        }
    }

    [Fact]
    public void Evaluate_ErrorKinds_ReportedAsValues()
    {
        var compiled = Engines.FromJson(Mixed, new ReSettings { EnableExceptionAsErrorMessage = false }).Compile("w", typeof(Order));
        var outcomes = new RuleOutcome[compiled.RuleCount];

        compiled.Evaluate(new Order { Amount = 100, Country = "DE", Customer = null }, outcomes);

        var byName = compiled.RuleNames.Zip(outcomes).ToDictionary(p => p.First, p => p.Second);
        byName["big"].Kind.Should().Be(RuleOutcomeKind.Success);
        byName["boom"].Kind.Should().Be(RuleOutcomeKind.Error);
        byName["boom"].Error!.InnerException.Should().BeOfType<DivideByZeroException>();
        byName["bad"].Error!.Message.Should().StartWith("Exception while parsing expression `input1.Amount >` - ");
        byName["nre"].Kind.Should().Be(RuleOutcomeKind.Error);
        byName["nested"].Kind.Should().Be(RuleOutcomeKind.Failure);
    }

    [Fact]
    public void Evaluate_HappyPath_AllocatesNothing()
    {
        var engine = Engines.FromJson("""
            { "WorkflowName": "w", "Rules": [
              { "RuleName": "a", "Expression": "input1.Amount > 5 && input1.Country == \"DE\"" },
              { "RuleName": "b", "Operator": "And", "Rules": [ { "RuleName": "b1", "Expression": "input1.Customer.Age > 18" }, { "RuleName": "b2", "Expression": "input1.Amount < 1000" } ] } ] }
            """);
        var compiled = engine.Compile("w", typeof(Order));
        var outcomes = new RuleOutcome[compiled.RuleCount];
        object order = Engines.Order(100);
        compiled.Evaluate(order, outcomes);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            compiled.Evaluate(order, outcomes);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        outcomes.Should().OnlyContain(o => o.IsSuccess);
        allocated.Should().Be(0);
    }

    [Fact]
    public void Evaluate_WrongInputType_Throws()
    {
        var compiled = Engines.FromJson(Mixed).Compile("w", typeof(Order));
        var outcomes = new RuleOutcome[compiled.RuleCount];

        var act = () => compiled.Evaluate("not an order", outcomes);

        act.Should().Throw<ArgumentException>().WithMessage("Input `input1` was compiled as *");
    }

    [Fact]
    public void Evaluate_ShortOutcomeSpan_Throws()
    {
        var compiled = Engines.FromJson(Mixed).Compile("w", typeof(Order));

        var act = () => compiled.Evaluate(Engines.Order(), new RuleOutcome[1]);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Compile_SameShapeTwice_ReturnsCachedSnapshot()
    {
        var engine = Engines.FromJson(Mixed);

        engine.Compile("w", typeof(Order)).Should().BeSameAs(engine.Compile("w", typeof(Order)));
        engine.Compile("w", [RuleParameter.Create("order", typeof(Order))]).InputNames.Should().Equal("order");
    }

    [Fact]
    public void CompileGeneric_CacheHit_AllocatesNothingAndFollowsUpdates()
    {
        var engine = Engines.FromJson("""{ "WorkflowName": "w", "Rules": [ { "RuleName": "a", "Expression": "input1.Amount > 5" } ] }""");
        var outcomes = new RuleOutcome[2];
        object order = Engines.Order(10);
        engine.Compile<Order>("w").Evaluate(order, outcomes);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 50; i++)
        {
            engine.Compile<Order>("w").Evaluate(order, outcomes);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        engine.AddOrUpdateWorkflow(WorkflowJson.Parse("""{ "WorkflowName": "w", "Rules": [ { "RuleName": "a", "Expression": "input1.Amount > 50" }, { "RuleName": "b", "Expression": "true" } ] }"""));
        var updated = engine.Compile<Order>("w");
        updated.Evaluate(order, outcomes);

        allocated.Should().Be(0);
        updated.RuleNames.Should().Equal("a", "b");
        outcomes.Select(o => o.Kind).Should().Equal(RuleOutcomeKind.Failure, RuleOutcomeKind.Success);
        engine.Compile("w", typeof(Order)).Should().BeSameAs(updated);
    }

    [Theory]
    [InlineData("""{ "amount": 20000, "customer": { "country": "IR", "age": 40 }, "tags": ["vip"] }""")]
    [InlineData("""{ "amount": 5, "customer": null, "tags": [] }""")]
    [InlineData("""{ "amount": 5.5, "customer": { "country": "DE", "age": 16 } }""")]
    public async Task Evaluate_JsonInputs_SameAnswersAsExecuteAllRules(string json)
    {
        var engine = Engines.FromJson("""
            { "WorkflowName": "j", "GlobalParams": [ { "Name": "amt", "Expression": "input1.amount" } ],
              "Rules": [
                { "RuleName": "large", "Expression": "amt > 10000" },
                { "RuleName": "sanctioned", "Expression": "input1.customer.country == \"IR\"" },
                { "RuleName": "vip", "Expression": "input1.tags.Contains(\"vip\")" },
                { "RuleName": "young", "Operator": "And", "Rules": [ { "RuleName": "y1", "Expression": "input1.customer != null" }, { "RuleName": "y2", "Expression": "input1.customer.age < 18" } ] } ] }
            """);
        var input = RuleInputs.FromJson(json)!;
        var compiled = engine.Compile("j", input.GetType());
        var outcomes = new RuleOutcome[compiled.RuleCount];

        compiled.Evaluate(input, outcomes);
        var results = await engine.ExecuteAllRulesAsync("j", input);

        outcomes.Select(o => o.IsSuccess).Should().Equal(results.Select(r => r.IsSuccess));
        outcomes.Select(o => o.Kind == RuleOutcomeKind.Error).Should().Equal(results.Select(r => r.ExceptionMessage.Length > 0));
    }
}
