using System.Text.Json;

namespace Compliance.Rules.Tests.Workflows;

/// <summary>
/// Formatted ErrorMessages are produced on first read of ExceptionMessage; whenever that happens, the text is the one
/// RulesEngine computes during execution.
/// </summary>
public class LazyMessageTests
{
    private const string Globals = """[ { "Name": "doubled", "Expression": "facts.Count * 2" } ]""";

    private static RulesEngine FactsEngine(string errorMessage, ReSettings? settings = null) =>
        Engines.WithRules(
            $$"""{ "RuleName": "r", "Expression": "facts.Count < 0", "ErrorMessage": {{JsonSerializer.Serialize(errorMessage)}} }""", settings, Globals);

    private static FrozenFacts Facts(string country, int count) =>
        new() { Country = country, Count = count, Amount = 12.50m, Address = new FrozenAddress("Berlin", "10115") };

    [Fact]
    public async Task ExceptionMessage_ReadAfterLaterExecutions_HoldsItsOwnExecutionsValues()
    {
        var engine = FactsEngine("$(facts.Country) $(doubled) $(facts)");
        var first = (await engine.ExecuteAllRulesAsync("w", new RuleParameter("facts", Facts("DE", 1)))).Single();

        var second = (await engine.ExecuteAllRulesAsync("w", new RuleParameter("facts", Facts("FR", 5)))).Single();

        second.ExceptionMessage.Should().Be("FR 10 {\"Country\":\"FR\",\"Count\":5,\"Amount\":12.50,\"Address\":{\"City\":\"Berlin\",\"Zip\":\"10115\"}}");
        first.ExceptionMessage.Should().Be("DE 2 {\"Country\":\"DE\",\"Count\":1,\"Amount\":12.50,\"Address\":{\"City\":\"Berlin\",\"Zip\":\"10115\"}}");
    }

    [Fact]
    public async Task ExceptionMessage_InputsDictionaryChangedBeforeFirstRead_UsesExecutionTimeValues()
    {
        var engine = FactsEngine("$(facts.Country) $(doubled) $(other)");
        var result = (await engine.ExecuteAllRulesAsync("w", new RuleParameter("facts", Facts("DE", 1)))).Single();

        result.Inputs["facts"] = Facts("FR", 5);
        result.Inputs["doubled"] = 99;
        result.Inputs["other"] = "late";

        result.ExceptionMessage.Should().Be("DE 2 $(other)");
    }

    [Fact]
    public async Task ExceptionMessage_MutableInputChangedBeforeFirstRead_UsesExecutionTimeValues()
    {
        var engine = Engines.WithRules("""{ "RuleName": "r", "Expression": "false", "ErrorMessage": "$(input1.Country) $(input1.Customer.Name) $(input1)" }""");
        var order = new Order { Country = "DE", Customer = new Customer { Name = "Ann" }, Items = [] };
        var result = (await engine.ExecuteAllRulesAsync("w", order)).Single();

        order.Country = "FR";
        order.Customer.Name = "Bob";

        result.ExceptionMessage.Should().Be("DE Ann {\"Amount\":0,\"Zero\":0,\"Country\":\"DE\",\"Customer\":{\"Name\":\"Ann\",\"Age\":0},\"Items\":[]}");
    }

    [Fact]
    public async Task ExceptionMessage_JsonDocumentDisposedBeforeFirstRead_UsesExecutionTimeValues()
    {
        var engine = Engines.WithRules("""{ "RuleName": "r", "Expression": "false", "ErrorMessage": "$(input1.country) $(input1.Count) $(input1)" }""");
        RuleResultTree result;
        using (var document = JsonDocument.Parse("""{"Country":"DE","count":3}"""))
        {
            result = (await engine.ExecuteAllRulesAsync("w", document.RootElement)).Single();
        }

        result.ExceptionMessage.Should().Be("DE 3 {\"Country\":\"DE\",\"count\":3}");
    }

    [Fact]
    public async Task ExceptionMessage_ComputedPropertyInput_FormattedAtExecution()
    {
        var engine = Engines.WithRules("""{ "RuleName": "r", "Expression": "false", "ErrorMessage": "hour $(input1.Hour)" }""");

        var result = (await engine.ExecuteAllRulesAsync("w", new ComputedFacts { At = new DateTimeOffset(2026, 1, 1, 3, 0, 0, TimeSpan.Zero) })).Single();

        result.ExceptionMessage.Should().Be("hour 3");
    }

    [Fact]
    public async Task ExceptionMessage_ReadFromManyThreads_SameTextAndInstance()
    {
        var engine = FactsEngine("$(facts.Country) has $(facts.Count) ($(doubled)) in $(facts.Address.City)");
        var results = await engine.ExecuteAllRulesAsync("w", new RuleParameter("facts", Facts("DE", 4)));
        var result = results.Single();
        using var start = new Barrier(8);

        var messages = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            start.SignalAndWait();
            return result.ExceptionMessage;
        })));

        messages.Should().AllBe("DE has 4 (8) in Berlin");
        messages.Should().OnlyContain(m => ReferenceEquals(m, messages[0]));
        result.ExceptionMessage.Should().BeSameAs(messages[0]);
    }

    [Fact]
    public async Task ExceptionMessage_ManyExecutionsReadConcurrently_EachHasItsOwnValues()
    {
        var engine = FactsEngine("$(facts.Country)-$(facts.Count)-$(doubled)");

        var messages = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
        {
            var result = (await engine.ExecuteAllRulesAsync("w", new RuleParameter("facts", Facts($"C{i}", i)))).Single();
            await Task.Yield();
            return (i, result.ExceptionMessage);
        })));

        messages.Should().OnlyContain(m => m.ExceptionMessage == $"C{m.i}-{m.i}-{m.i * 2}");
    }

    [Fact]
    public async Task ExceptionMessage_SetBeforeFirstRead_ReturnsTheSetValue()
    {
        var engine = FactsEngine("$(facts.Country)");
        var result = (await engine.ExecuteAllRulesAsync("w", new RuleParameter("facts", Facts("DE", 1)))).Single();

        result.ExceptionMessage = "replaced";

        result.ExceptionMessage.Should().Be("replaced");
    }

    [Fact]
    public async Task ExceptionMessage_SetAfterFirstRead_ReturnsTheSetValue()
    {
        var engine = FactsEngine("$(facts.Country)");
        var result = (await engine.ExecuteAllRulesAsync("w", new RuleParameter("facts", Facts("DE", 1)))).Single();
        result.ExceptionMessage.Should().Be("DE");

        result.ExceptionMessage = "replaced";

        result.ExceptionMessage.Should().Be("replaced");
    }

    [Fact]
    public async Task ExceptionMessage_LocalParamsAndUnknownNames_AsRulesEngine()
    {
        var engine = Engines.WithRules("""
            { "RuleName": "r", "Expression": "facts.Count < 0", "ErrorMessage": "$(l) $(doubled) $(facts.Nope) $(nope.x) $() $(facts.Address.zip)",
              "LocalParams": [ { "Name": "l", "Expression": "facts.Country + \"!\"" } ] }
            """, globalsJson: Globals);

        var result = (await engine.ExecuteAllRulesAsync("w", new RuleParameter("facts", Facts("DE", 3)))).Single();

        result.ExceptionMessage.Should().Be("\"DE!\" 6 $(facts.Nope) $(nope.x) $() 10115");
    }

    [Fact]
    public async Task ExceptionMessage_LocalParamShadowsGlobal_UsesTheLocal()
    {
        var engine = Engines.WithRules("""
            { "RuleName": "r", "Expression": "false", "ErrorMessage": "$(doubled)",
              "LocalParams": [ { "Name": "doubled", "Expression": "\"local\"" } ] }
            """, globalsJson: Globals);

        var result = (await engine.ExecuteAllRulesAsync("w", new RuleParameter("facts", Facts("DE", 3)))).Single();

        result.ExceptionMessage.Should().Be("\"local\"");
    }

    [Fact]
    public async Task ExceptionMessage_IgnoreExceptionAfterLocalParamFailure_OnlyEvaluatedValuesFilled()
    {
        var engine = Engines.WithRules("""
            { "RuleName": "r", "Expression": "true", "ErrorMessage": "$(a) $(b) $(doubled)",
              "LocalParams": [ { "Name": "a", "Expression": "\"A\"" }, { "Name": "b", "Expression": "1 / facts.Count" } ] }
            """, new ReSettings { IgnoreException = true }, Globals);

        var result = (await engine.ExecuteAllRulesAsync("w", new RuleParameter("facts", Facts("DE", 0)))).Single();

        result.ExceptionMessage.Should().Be("\"A\" $(b) 0");
    }

    [Fact]
    public async Task ExceptionMessage_ErrorMessageChangedAfterCompilation_UsesTheNewText()
    {
        var engine = FactsEngine("old $(facts.Country)");
        var workflowRule = (await engine.ExecuteAllRulesAsync("w", new RuleParameter("facts", Facts("DE", 1)))).Single().Rule;

        workflowRule.ErrorMessage = "new $(facts.Country)";
        var result = (await engine.ExecuteAllRulesAsync("w", new RuleParameter("facts", Facts("FR", 1)))).Single();

        result.ExceptionMessage.Should().Be("new FR");
    }

    [Fact]
    public async Task ExceptionMessage_JsonPathCaseAndEscapes_MatchesLikeRulesEngine()
    {
        var engine = Engines.WithRules("""{ "RuleName": "r", "Expression": "false", "ErrorMessage": "$(input1.CITY) $(input1.zip) $(input1.Ünï)" }""");
        var json = JsonDocument.Parse("""{ "city": "Berlin", "\u005Aip": "10115", "ünÏ": 7 }""").RootElement;

        var result = (await engine.ExecuteAllRulesAsync("w", json)).Single();

        result.ExceptionMessage.Should().Be("Berlin 10115 7");
    }

    [Fact]
    public async Task ExecuteAllRulesAsync_PlaceholderValueJsonRefuses_ThrowsDuringExecutionAsBefore()
    {
        var engine = Engines.WithRules(
            """{ "RuleName": "r", "Expression": "false", "ErrorMessage": "ratio $(ratio)" }""", globalsJson: """[ { "Name": "ratio", "Expression": "0.0 / 0.0" } ]""");

        var act = async () => await engine.ExecuteAllRulesAsync("w", new RuleParameter("facts", Facts("DE", 1)));

        await act.Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task ExceptionMessage_FiniteDoubleAndDoubleHoldingInput_Formatted()
    {
        var engine = Engines.WithRules(
            """{ "RuleName": "r", "Expression": "false", "ErrorMessage": "$(ratio) $(input1.Ratio)" }""", globalsJson: """[ { "Name": "ratio", "Expression": "1.0 / 4.0" } ]""");

        var result = (await engine.ExecuteAllRulesAsync("w", new DoubleHoldingFacts { Ratio = 0.5 })).Single();

        result.ExceptionMessage.Should().Be("0.25 0.5");
    }

    [Fact]
    public async Task ActionResult_RuleWithoutAction_EmptyAndStable()
    {
        var engine = FactsEngine("x");
        var result = (await engine.ExecuteAllRulesAsync("w", new RuleParameter("facts", Facts("DE", 1)))).Single();

        var first = result.ActionResult;

        first.Should().NotBeNull();
        first!.Output.Should().BeNull();
        first.Exception.Should().BeNull();
        result.ActionResult.Should().BeSameAs(first);
    }

    [Fact]
    public async Task ActionResult_RulesWithoutAction_EachHasAnEmptyOneOfItsOwn()
    {
        var engine = FactsEngine("x");
        var first = (await engine.ExecuteAllRulesAsync("w", new RuleParameter("facts", Facts("DE", 1)))).Single();
        var second = (await engine.ExecuteAllRulesAsync("w", new RuleParameter("facts", Facts("DE", 1)))).Single();

        first.ActionResult!.Output = "changed by the caller";

        second.ActionResult.Should().NotBeSameAs(first.ActionResult);
        second.ActionResult!.Output.Should().BeNull();
    }

    [Fact]
    public async Task ActionResult_Set_ReplacesTheEmptyOne()
    {
        var engine = FactsEngine("x");
        var result = (await engine.ExecuteAllRulesAsync("w", new RuleParameter("facts", Facts("DE", 1)))).Single();
        var replacement = new ActionResult { Output = 1 };

        result.ActionResult = replacement;

        result.ActionResult.Should().BeSameAs(replacement);
        result.ActionResult = null;
        result.ActionResult.Should().BeNull();
    }

    [Fact]
    public void ExceptionMessage_NewResultTree_EmptyString()
    {
        new RuleResultTree().ExceptionMessage.Should().Be("");
        new RuleResultTree().ActionResult.Should().BeNull();
    }
}
