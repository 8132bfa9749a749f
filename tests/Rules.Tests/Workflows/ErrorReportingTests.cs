namespace Compliance.Rules.Tests.Workflows;

public class ErrorReportingTests
{
    private const string ParseError = """{ "RuleName": "bad", "Expression": "input1.Amount > )", "ErrorMessage": "amount $(input1.Amount)" }""";
    private const string RuntimeError = """{ "RuleName": "boom", "Expression": "input1.Amount / input1.Zero > 1", "ErrorMessage": "m" }""";
    private const string Fine = """{ "RuleName": "fine", "Expression": "input1.Amount > 1" }""";

    [Fact]
    public async Task ParseError_Default_FailsWithParsingPrefix()
    {
        var results = await Engines.WithRules($"{ParseError},{Fine}").ExecuteAllRulesAsync("w", Engines.Order());

        results[0].IsSuccess.Should().BeFalse();
        results[0].ExceptionMessage.Should().StartWith("Exception while parsing expression `input1.Amount > )` - ");
        results[0].ExceptionMessage.Length.Should().BeGreaterThan("Exception while parsing expression `input1.Amount > )` - ".Length);
        results[1].IsSuccess.Should().BeTrue();
    }

    [Fact]
    public async Task ParseError_NonBooleanExpression_IsAParseError()
    {
        var results = await Engines.WithRules("""{ "RuleName": "n", "Expression": "input1.Amount + 1" }""").ExecuteAllRulesAsync("w", Engines.Order());

        results.Single().ExceptionMessage.Should().StartWith("Exception while parsing expression `input1.Amount + 1` - ");
    }

    [Fact]
    public async Task ParseError_ExceptionsNotAsMessages_ThrowsRuleExceptionWithData()
    {
        var engine = Engines.WithRules(ParseError, new ReSettings { EnableExceptionAsErrorMessage = false });

        var act = async () => await engine.ExecuteAllRulesAsync("w", Engines.Order());

        var thrown = (await act.Should().ThrowAsync<RuleException>().WithMessage("Error while compiling rule `bad`: *")).Which;
        thrown.Data["RuleName"].Should().Be("bad");
        thrown.Data["Expression"].Should().Be("input1.Amount > )");
    }

    [Fact]
    public async Task ParseError_IgnoreException_UsesFormattedErrorMessage()
    {
        var results = await Engines.WithRules(ParseError, new ReSettings { IgnoreException = true }).ExecuteAllRulesAsync("w", Engines.Order(7));

        results.Single().IsSuccess.Should().BeFalse();
        results.Single().ExceptionMessage.Should().Be("amount 7");
    }

    [Fact]
    public async Task ParseError_ParsingMessagesDisabled_FailsSilently()
    {
        var settings = new ReSettings { EnableExceptionAsErrorMessageForRuleExpressionParsing = false };

        var results = await Engines.WithRules(ParseError, settings).ExecuteAllRulesAsync("w", Engines.Order(7));

        results.Single().IsSuccess.Should().BeFalse();
        results.Single().ExceptionMessage.Should().Be("amount 7");
    }

    [Fact]
    public async Task RuntimeError_Default_FailsWithExecutingPrefix()
    {
        var results = await Engines.WithRules($"{RuntimeError},{Fine}").ExecuteAllRulesAsync("w", Engines.Order());

        results[0].IsSuccess.Should().BeFalse();
        results[0].ExceptionMessage.Should().Be("Error while executing rule : boom - Attempted to divide by zero.");
        results[1].IsSuccess.Should().BeTrue();
    }

    [Fact]
    public async Task RuntimeError_NullReference_FailsWithExecutingPrefix()
    {
        var results = await Engines.WithRules("""{ "RuleName": "nre", "Expression": "input1.Customer.Name == \"x\"" }""")
            .ExecuteAllRulesAsync("w", new Order { Customer = null });

        results.Single().ExceptionMessage.Should().StartWith("Error while executing rule : nre - ");
    }

    [Fact]
    public async Task RuntimeError_ExceptionsNotAsMessages_ThrowsRuleException()
    {
        var engine = Engines.WithRules(RuntimeError, new ReSettings { EnableExceptionAsErrorMessage = false });

        var act = async () => await engine.ExecuteAllRulesAsync("w", Engines.Order());

        var thrown = (await act.Should().ThrowAsync<RuleException>()).Which;
        thrown.Message.Should().Be("Error while executing rule : boom - Attempted to divide by zero.");
        thrown.InnerException.Should().BeOfType<DivideByZeroException>();
        thrown.RuleName.Should().Be("boom");
    }

    [Fact]
    public async Task RuntimeError_IgnoreException_BlankThenErrorMessage()
    {
        var results = await Engines.WithRules(RuntimeError, new ReSettings { IgnoreException = true }).ExecuteAllRulesAsync("w", Engines.Order());

        results.Single().ExceptionMessage.Should().Be("m");
    }

    [Fact]
    public async Task GlobalParamParseError_EveryRuleFailsWithScopedParamMessage()
    {
        var engine = Engines.WithRules($"{Fine}," + """{ "RuleName": "other", "Expression": "true" }""", globalsJson: """[ { "Name": "g", "Expression": "input1.Amount >" } ]""");

        var results = await engine.ExecuteAllRulesAsync("w", Engines.Order());

        results.Should().OnlyContain(r => !r.IsSuccess);
        results[0].ExceptionMessage.Should().StartWith("Error while compiling rule `fine`: ").And.EndWith(", in ScopedParam: g");
        results[1].ExceptionMessage.Should().StartWith("Error while compiling rule `other`: ").And.EndWith(", in ScopedParam: g");
    }

    [Fact]
    public async Task LocalParamParseError_OnlyThatRuleFails()
    {
        var engine = Engines.WithRules($$"""{ "RuleName": "loc", "Expression": "x > 1", "LocalParams": [ { "Name": "x", "Expression": "input1.Amount *" } ] }, {{Fine}}""");

        var results = await engine.ExecuteAllRulesAsync("w", Engines.Order());

        results[0].ExceptionMessage.Should().StartWith("Error while compiling rule `loc`: ").And.EndWith(", in ScopedParam: x");
        results[1].IsSuccess.Should().BeTrue();
    }

    [Fact]
    public async Task GlobalParamRuntimeError_EveryRuleFailsWithScopedExecutionMessage()
    {
        var engine = Engines.WithRules($"{Fine}", globalsJson: """[ { "Name": "g", "Expression": "input1.Amount / input1.Zero" } ]""");

        var results = await engine.ExecuteAllRulesAsync("w", Engines.Order());

        results.Single().ExceptionMessage.Should().Be("Error while executing scoped params for rule `fine` - Attempted to divide by zero.");
    }

    [Fact]
    public async Task LocalParamRuntimeError_MessageCarriesFullException()
    {
        var engine = Engines.WithRules($$"""{ "RuleName": "loc", "Expression": "x > 1", "LocalParams": [ { "Name": "x", "Expression": "input1.Amount / input1.Zero" } ] }, {{Fine}}""");

        var results = await engine.ExecuteAllRulesAsync("w", Engines.Order());

        results[0].ExceptionMessage.Should().StartWith("Error while executing scoped params for rule `loc` - System.DivideByZeroException: Attempted to divide by zero.");
        results[1].IsSuccess.Should().BeTrue();
    }

    [Fact]
    public async Task LocalParamRuntimeError_ExceptionsNotAsMessages_Throws()
    {
        var engine = Engines.WithRules("""{ "RuleName": "loc", "Expression": "x > 1", "LocalParams": [ { "Name": "x", "Expression": "input1.Amount / input1.Zero" } ] }""",
            new ReSettings { EnableExceptionAsErrorMessage = false });

        var act = async () => await engine.ExecuteAllRulesAsync("w", Engines.Order());

        await act.Should().ThrowAsync<RuleException>().WithMessage("Error while executing scoped params for rule `loc` - *");
    }

    [Fact]
    public async Task ExceptionMessage_Present_ErrorMessageNotUsed()
    {
        var results = await Engines.WithRules(RuntimeError).ExecuteAllRulesAsync("w", Engines.Order());

        results.Single().ExceptionMessage.Should().StartWith("Error while executing rule : boom");
    }

    [Fact]
    public async Task ErrorState_DoesNotLeakIntoNextExecution()
    {
        var engine = Engines.WithRules("""{ "RuleName": "nre", "Expression": "input1.Customer.Name == \"Ann\"" }""");

        (await engine.ExecuteAllRulesAsync("w", new Order { Customer = null })).Single().ExceptionMessage.Should().NotBeEmpty();
        var second = (await engine.ExecuteAllRulesAsync("w", Engines.Order())).Single();

        second.IsSuccess.Should().BeTrue();
        second.ExceptionMessage.Should().Be("");
    }

    [Fact]
    public async Task GlobalParamParseError_ExceptionsNotAsMessages_Throws()
    {
        var engine = Engines.WithRules(Fine, new ReSettings { EnableExceptionAsErrorMessage = false }, """[ { "Name": "g", "Expression": "1 +" } ]""");

        var act = async () => await engine.ExecuteAllRulesAsync("w", Engines.Order());

        await act.Should().ThrowAsync<RuleException>().WithMessage("Error while compiling rule `fine`: *, in ScopedParam: g");
    }

    [Fact]
    public async Task GlobalParamErrors_IgnoreException_BlankMessages()
    {
        var settings = new ReSettings { IgnoreException = true };
        var compileError = Engines.WithRules(Fine, settings, """[ { "Name": "g", "Expression": "1 +" } ]""");
        var runtimeError = Engines.WithRules(Fine, settings, """[ { "Name": "g", "Expression": "input1.Amount / input1.Zero" } ]""");

        var first = (await compileError.ExecuteAllRulesAsync("w", Engines.Order())).Single();
        var second = (await runtimeError.ExecuteAllRulesAsync("w", Engines.Order())).Single();

        first.IsSuccess.Should().BeFalse();
        first.ExceptionMessage.Should().Be("");
        second.IsSuccess.Should().BeFalse();
        second.ExceptionMessage.Should().Be("");
    }

    [Fact]
    public async Task ChildRuleError_ExceptionsNotAsMessages_Throws()
    {
        var engine = Engines.WithRules("""{ "RuleName": "p", "Operator": "And", "Rules": [ { "RuleName": "c", "Expression": "input1.Amount / input1.Zero > 1" } ] }""",
            new ReSettings { EnableExceptionAsErrorMessage = false });

        var act = async () => await engine.ExecuteAllRulesAsync("w", Engines.Order());

        (await act.Should().ThrowAsync<RuleException>()).Which.RuleName.Should().Be("c");
    }
}
