namespace Compliance.Rules.Tests.Workflows;

/// <summary>The spec's §3.6 examples, run end to end through workflows with RulesEngine-style JSON inputs.</summary>
public class SpecExampleTests
{
    private static async Task<RuleResultTree> Run(string expression, params RuleParameter[] inputs)
    {
        var engine = Engines.WithRules($$"""{ "RuleName": "r", "Expression": {{System.Text.Json.JsonSerializer.Serialize(expression)}} }""");
        return (await engine.ExecuteAllRulesAsync("w", inputs)).Single();
    }

    private static RuleParameter Json(string name, string json) => new(name, RuleInputs.FromJson(json));

    [Fact]
    public async Task DiscountExample_ThreeInputs_True()
    {
        var result = await Run(
            "input1.country != \"india\" AND input1.loyaltyFactor >= 2 AND input2.totalOrders > 2 AND input3.noOfVisitsPerMonth > 5",
            Json("input1", """{ "country": "canada", "loyaltyFactor": 3 }"""),
            Json("input2", """{ "totalOrders": 5 }"""),
            Json("input3", """{ "noOfVisitsPerMonth": 10 }"""));

        result.IsSuccess.Should().BeTrue(result.ExceptionMessage);
    }

    [Fact]
    public async Task NullInput_ShortCircuitsSingleEquals_True()
    {
        var result = await Run("input1 == null || input1.hello.world = \"wow\"", new RuleParameter("input1", null));

        result.IsSuccess.Should().BeTrue(result.ExceptionMessage);
    }

    [Fact]
    public async Task SingleDictionaryInput_ImplicitIt_True()
    {
        var result = await Run("Formule == \"Essentielle\"", new RuleParameter("_", new Dictionary<string, object> { ["Formule"] = "Essentielle" }));

        result.IsSuccess.Should().BeTrue(result.ExceptionMessage);
    }

    [Fact]
    public async Task ScalarListContains_True()
    {
        var result = await Run("line.Modifiers.Any(l => new [] {\"25\"}.Contains(l))", Json("line", """{ "Modifiers": ["25", "30"] }"""));

        result.IsSuccess.Should().BeTrue(result.ExceptionMessage);
    }

    [Fact]
    public async Task GlobalAndLocalThresholds_False()
    {
        var engine = Engines.FromJson("""
            { "WorkflowName": "w", "GlobalParams": [ { "Name": "threshold", "Expression": "double.Parse(\"0.25\")" } ],
              "Rules": [ { "RuleName": "r", "LocalParams": [ { "Name": "ruleCount", "Expression": "int.Parse(\"15\")" } ],
                "Expression": "input1.Count >= ruleCount && input1.Where(x => x.Value >= threshold).Count() >= ruleCount" } ] }
            """);
        var values = Enumerable.Range(0, 66).Select(i => new Dictionary<string, object> { ["Value"] = 0.01 * (i % 10) }).ToList();

        var result = (await engine.ExecuteAllRulesAsync("w", RuleInputs.FromJson(System.Text.Json.JsonSerializer.Serialize(values))!)).Single();

        result.IsSuccess.Should().BeFalse();
        result.ExceptionMessage.Should().Be("");
    }

    [Fact]
    public async Task UnknownMemberOnJsonInput_EqualsNullIsTrue()
    {
        var result = await Run("input1.typo == null", Json("input1", """{ "a": 1 }"""));

        result.IsSuccess.Should().BeTrue(result.ExceptionMessage);
    }
}
