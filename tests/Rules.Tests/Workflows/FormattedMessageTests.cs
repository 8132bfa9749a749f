namespace Compliance.Rules.Tests.Workflows;

public class FormattedMessageTests
{
    private static async Task<string> MessageFor(string errorMessage, ReSettings? settings = null, params object[] inputs)
    {
        var engine = Engines.WithRules($$"""{ "RuleName": "r", "Expression": "false", "ErrorMessage": {{System.Text.Json.JsonSerializer.Serialize(errorMessage)}} }""", settings);
        return (await engine.ExecuteAllRulesAsync("w", inputs)).Single().ExceptionMessage;
    }

    [Fact]
    public async Task Format_WholeStringInput_IsQuoted()
    {
        (await MessageFor("got $(input1)", null, "actual-value")).Should().Be("got \"actual-value\"");
    }

    [Fact]
    public async Task Format_WholeObjectInput_IsCompactJson()
    {
        (await MessageFor("got $(input1)", null, new Customer { Name = "Ann", Age = 3 })).Should().Be("got {\"Name\":\"Ann\",\"Age\":3}");
    }

    [Fact]
    public async Task Format_Path_WalksToScalarUnquoted()
    {
        (await MessageFor("$(input1.Customer.Name) is $(input1.Customer.Age), amount $(input1.Amount)", null, Engines.Order(12)))
            .Should().Be("Ann is 30, amount 12");
    }

    [Fact]
    public async Task Format_ExpandoInput_PathWorks()
    {
        var input = RuleInputs.FromJson("""{ "a": { "b": "deep" }, "n": 2 }""")!;

        (await MessageFor("$(input1.a.b) $(input1.n)", null, input)).Should().Be("deep 2");
    }

    [Fact]
    public async Task Format_PathToNullOrToAnObject_NullVerbatimObjectIndented()
    {
        // RulesEngine 6.0.1, checked against the package (tests/Rules.Compat.Tests).
        var input = RuleInputs.FromJson("""{ "n": null, "o": { "x": 1, "y": "a" }, "l": [1, 2] }""")!;

        (await MessageFor("n=$(input1.n) o=$(input1.o) l=$(input1.l)", null, input))
            .Should().Be("n=$(input1.n) o={\n  \"x\": 1,\n  \"y\": \"a\"\n} l=[\n  1,\n  2\n]");
    }

    [Fact]
    public async Task Format_WholeJsonInput_IsCompactWhateverItsLayout()
    {
        var input = System.Text.Json.JsonDocument.Parse("{\n  \"a\" : 1,\n  \"b\" : [ 2 ]\n}").RootElement;

        (await MessageFor("got $(input1)", null, input)).Should().Be("got {\"a\":1,\"b\":[2]}");
    }

    [Fact]
    public async Task Format_UnknownNameOrPath_LeftVerbatim()
    {
        (await MessageFor("$(input7.x) $(input1.Nope) $(input1.Amount.More)", null, Engines.Order()))
            .Should().Be("$(input7.x) $(input1.Nope) $(input1.Amount.More)");
    }

    [Fact]
    public async Task Format_Disabled_MessageEmpty()
    {
        (await MessageFor("got $(input1)", new ReSettings { EnableFormattedErrorMessage = false }, "x")).Should().Be("");
    }

    [Fact]
    public async Task Format_ScopedParams_AreUsable()
    {
        var engine = Engines.WithRules("""
            { "RuleName": "r", "Expression": "false", "ErrorMessage": "$(g) $(l)", "LocalParams": [ { "Name": "l", "Expression": "\"local\"" } ] }
            """, globalsJson: """[ { "Name": "g", "Expression": "input1.Amount * 2" } ]""");

        var results = await engine.ExecuteAllRulesAsync("w", Engines.Order(21));

        results.Single().ExceptionMessage.Should().Be("42 \"local\"");
    }

    [Fact]
    public async Task Format_ChildRuleTemplates_NotApplied()
    {
        var engine = Engines.WithRules("""
            { "RuleName": "p", "Operator": "And", "ErrorMessage": "parent", "Rules": [ { "RuleName": "c", "Expression": "false", "ErrorMessage": "child" } ] }
            """);

        var result = (await engine.ExecuteAllRulesAsync("w", Engines.Order())).Single();

        result.ExceptionMessage.Should().Be("parent");
        result.ChildResults!.Single().ExceptionMessage.Should().Be("");
    }

    [Fact]
    public async Task Format_SuccessfulRule_MessageEmpty()
    {
        var engine = Engines.WithRules("""{ "RuleName": "r", "Expression": "true", "ErrorMessage": "no" }""");

        (await engine.ExecuteAllRulesAsync("w", Engines.Order())).Single().ExceptionMessage.Should().Be("");
    }
}
