namespace Compliance.Rules.Tests.Workflows;

/// <summary>
/// RuleResultTree keeps its message, children and action result in one field, and makes three values on first read
/// (the formatted message, the empty action result, the shared Inputs): whatever is set, in whatever order, reads back,
/// and racing first reads all see one instance.
/// </summary>
public class ResultTreeStateTests
{
    private static readonly RuleResultTree[] Children = [new() { IsSuccess = true }];

    public static TheoryData<string> SetOrders => ["mca", "mac", "cma", "cam", "amc", "acm", "ma", "am", "mc", "cm", "ca", "ac", "m", "c", "a"];

    [Theory]
    [MemberData(nameof(SetOrders))]
    public void Setters_AnyOrder_ReadBackWhatWasSet(string order)
    {
        var action = new ActionResult { Output = 1 };
        var result = new RuleResultTree();

        foreach (var property in order)
        {
            _ = property switch
            {
                'm' => result.ExceptionMessage = "failed",
                'c' => (object?)(result.ChildResults = Children),
                _ => result.ActionResult = action,
            };
        }

        result.ExceptionMessage.Should().Be(order.Contains('m') ? "failed" : "");
        result.ChildResults.Should().BeSameAs(order.Contains('c') ? Children : null);
        result.ActionResult.Should().BeSameAs(order.Contains('a') ? action : null);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ca")]
    public void Setters_BackToDefaults_ReadDefaults(string others)
    {
        var result = new RuleResultTree { ExceptionMessage = "failed" };
        if (others.Length > 0)
        {
            result.ChildResults = Children;
            result.ActionResult = new ActionResult();
        }

        result.ExceptionMessage = "";
        result.ChildResults = null;
        result.ActionResult = null;

        result.ExceptionMessage.Should().Be("");
        result.ChildResults.Should().BeNull();
        result.ActionResult.Should().BeNull();
    }

    [Fact]
    public void ExceptionMessage_SetNull_ReadsNull()
    {
        var result = new RuleResultTree { ChildResults = Children };

        result.ExceptionMessage = null!;

        result.ExceptionMessage.Should().BeNull();
        result.ChildResults.Should().BeSameAs(Children);
    }

    [Fact]
    public async Task PendingMessage_ChildrenAndActionSetAfterwards_StillFormatsOnRead()
    {
        var engine = Engines.WithRules("""{ "RuleName": "r", "Expression": "input1.Amount < 0", "ErrorMessage": "amount $(input1.Amount)" }""");
        var result = (await engine.ExecuteAllRulesAsync("w", Engines.Order(amount: 7))).Single();
        var action = new ActionResult { Output = "x" };

        result.ChildResults = Children;
        result.ActionResult = action;

        result.ExceptionMessage.Should().Be("amount 7");
        result.ChildResults.Should().BeSameAs(Children);
        result.ActionResult.Should().BeSameAs(action);
    }

    [Fact]
    public async Task EmptyActionResult_ReadBeforeTheMessage_KeepsTheMessagePending()
    {
        var engine = Engines.WithRules("""{ "RuleName": "r", "Expression": "input1.Amount < 0", "ErrorMessage": "amount $(input1.Amount)" }""");
        var result = (await engine.ExecuteAllRulesAsync("w", Engines.Order(amount: 7))).Single();

        var action = result.ActionResult;

        action.Should().NotBeNull();
        action!.Output.Should().BeNull();
        result.ExceptionMessage.Should().Be("amount 7");
        result.ActionResult.Should().BeSameAs(action);
    }

    [Fact]
    public async Task FirstReads_RacingOnManyThreads_SeeOneMessageAndOneActionResult()
    {
        var engine = Engines.WithRules("""{ "RuleName": "r", "Expression": "input1.Amount < 0", "ErrorMessage": "amount $(input1.Amount) in $(input1.Country)" }""");
        for (var round = 0; round < 200; round++)
        {
            var result = (await engine.ExecuteAllRulesAsync("w", Engines.Order(amount: round))).Single();
            using var start = new Barrier(4);

            var reads = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() =>
            {
                start.SignalAndWait();
                if (i % 2 == 0)
                {
                    var message = result.ExceptionMessage;
                    return (Message: message, Action: result.ActionResult);
                }

                var action = result.ActionResult;
                return (Message: result.ExceptionMessage, Action: action);
            })));

            reads.Select(r => r.Message).Should().AllSatisfy(m => m.Should().BeSameAs(reads[0].Message)).And.Subject.First().Should().Be($"amount {round} in DE");
            reads.Select(r => r.Action).Should().AllSatisfy(a => a.Should().NotBeNull().And.BeSameAs(reads[0].Action));
        }
    }

    [Fact]
    public async Task Inputs_RulesWithoutLocalParams_ShareOneDictionaryMadeOnFirstRead()
    {
        var engine = Engines.WithRules(
            """{ "RuleName": "a", "Expression": "g > 0" }, { "RuleName": "b", "Expression": "h > 0", "LocalParams": [ { "Name": "h", "Expression": "g + 1" } ] }, { "RuleName": "c", "Expression": "true" }""",
            globalsJson: """[ { "Name": "g", "Expression": "input1.Amount" } ]""");
        var order = Engines.Order(amount: 5);

        var results = await engine.ExecuteAllRulesAsync("w", order);

        results[0].Inputs.Should().BeSameAs(results[2].Inputs);
        results[0].Inputs.Keys.Should().Equal("input1", "g");
        results[0].Inputs.Values.Should().Equal(order, 5);
        results[1].Inputs.Should().NotBeSameAs(results[0].Inputs);
        results[1].Inputs.Keys.Should().Equal("input1", "g", "h");
        results[1].Inputs["h"].Should().Be(6);
    }

    [Fact]
    public async Task Inputs_GlobalParamFails_HoldTheInputsAndTheGlobalParamsBeforeIt()
    {
        var engine = Engines.WithRules(
            """{ "RuleName": "a", "Expression": "true" }""",
            globalsJson: """[ { "Name": "one", "Expression": "1" }, { "Name": "broken", "Expression": "input1.Amount / 0" }, { "Name": "two", "Expression": "2" } ]""");

        var result = (await engine.ExecuteAllRulesAsync("w", Engines.Order())).Single();

        result.IsSuccess.Should().BeFalse();
        result.Inputs.Keys.Should().Equal("input1", "one");
    }

    [Fact]
    public async Task ExecuteAllRules_AllocatesLittleMoreThanTheResults()
    {
        // Ten rules, five failing with a message that waits to be formatted: 48 bytes per result, 32 per waiting
        // message, the list (32 + 104) and the execution's slots and shared Inputs (~80). Nothing per rule beyond that.
        var rules = string.Join(", ", Enumerable.Range(0, 10).Select(i =>
            $$"""{ "RuleName": "r{{i}}", "Expression": "facts.Count {{(i % 2 == 0 ? ">" : "<")}} 0", "ErrorMessage": "count $(facts.Count)" }"""));
        var engine = Engines.WithRules(rules);
        RuleParameter[] facts = [new("facts", new FrozenFacts { Country = "DE", Count = 3 })];
        (await engine.ExecuteAllRulesAsync("w", facts)).Where(r => !r.IsSuccess).Should().HaveCount(5);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            _ = await engine.ExecuteAllRulesAsync("w", facts);
        }

        var perExecution = (GC.GetAllocatedBytesForCurrentThread() - before) / 100;
        perExecution.Should().BeLessThanOrEqualTo((10 * 48) + (5 * 32) + 136 + 120);
    }

    [Fact]
    public void Inputs_Set_ReadsTheSetDictionary()
    {
        var inputs = new Dictionary<string, object> { ["x"] = 1 };

        var result = new RuleResultTree { Inputs = inputs };

        result.Inputs.Should().BeSameAs(inputs);
        new RuleResultTree().Inputs.Should().BeNull();
    }
}
