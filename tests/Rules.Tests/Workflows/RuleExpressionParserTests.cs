namespace Compliance.Rules.Tests.Workflows;

public class RuleExpressionParserTests
{
    [Fact]
    public void Evaluate_StringConcatenation_ReturnsResult()
    {
        var parser = new RuleExpressionParser(new ReSettings());

        var result = parser.Evaluate<string>("a+b", [new RuleParameter("a", "Hello "), new RuleParameter("b", "World")]);

        result.Should().Be("Hello World");
    }

    [Fact]
    public void Compile_Bool_ReusableDelegate()
    {
        var compiled = new RuleExpressionParser().Compile<bool>("x.Amount > 10", [RuleParameter.Create("x", typeof(Order))]);

        compiled([Engines.Order(20)]).Should().BeTrue();
        compiled([Engines.Order(5)]).Should().BeFalse();
    }

    [Fact]
    public void Evaluate_WidensToObject()
    {
        new RuleExpressionParser().Evaluate<object>("x * 2", [new RuleParameter("x", 21)]).Should().Be(42);
    }

    [Fact]
    public void Evaluate_SyntaxError_ThrowsRuleExceptionWithPosition()
    {
        var act = () => new RuleExpressionParser().Evaluate<bool>("x >", [new RuleParameter("x", 1)]);

        act.Should().Throw<RuleException>().WithMessage("1:*");
    }
}
