using System.Linq.Expressions;
using System.Text.Json;
using Compliance.Rules.Expressions;
using Compliance.Rules.Tests.Expressions.Support;

namespace Compliance.Rules.Tests.Expressions;

/// <summary>The hot path: a compiled rule over typed or JSON input should allocate nothing per evaluation.</summary>
public class AllocationTests
{
    private static Func<T, bool> Compile<T>(string expression)
    {
        var input = Expression.Parameter(typeof(T), "input1");
        var result = new ExpressionCompiler(new ExpressionCompilerOptions()).Bind(expression, [input], typeof(bool));
        result.Success.Should().BeTrue(string.Join(" | ", result.Diagnostics));
        return Expression.Lambda<Func<T, bool>>(result.Body!, input).Compile();
    }

    private static long AllocatedPerCall<T>(Func<T, bool> rule, T value, bool expected)
    {
        EvaluationBudget.Reset(long.MaxValue);
        rule(value).Should().Be(expected);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            rule(value);
        }

        return (GC.GetAllocatedBytesForCurrentThread() - before) / 1_000;
    }

    [Theory]
    [InlineData("input1.Amount > 1000 && input1.Country == \"india\" && input1.Role == \"Seller\"", true)]
    [InlineData("input1.Score > 40 && input1.SettledAt == null && input1.Customer.Address.City.StartsWith(\"Lon\")", true)]
    [InlineData("input1.Items.Any(Price > 200) && input1.Items.All(Quantity > 0) && input1.Items.Count(Price < 1000) == 3", true)]
    [InlineData("input1.Tags.Contains(\"eu\") && input1.Quantity in (1, 2, 3) && input1.Items.Sum(Price) > 400", true)]
    public void Evaluate_TypedRule_AllocatesNothing(string expression, bool expected) =>
        AllocatedPerCall(Compile<Transaction>(expression), Transaction.Sample(), expected).Should().Be(0);

    [Theory]
    [InlineData("input1.country == \"india\" && input1.amount > 10.5 && input1.active", true)]
    [InlineData("input1.Country == \"india\" && input1.Amount >= 10.75m && input1.Address.City != \"Paris\"", true)]
    [InlineData("input1.items.Any(price > 200) && input1.items.Count(qty >= 1) == 2 && input1.tags.Contains(\"eu\")", true)]
    [InlineData("input1.typo == null && input1.amount in (1, 10.75) && input1.items[1].price == 250.25", true)]
    public void Evaluate_JsonRule_AllocatesNothing(string expression, bool expected)
    {
        using var document = JsonDocument.Parse("""
            {"country":"india","amount":10.75,"active":true,"address":{"city":"London"},"tags":["vip","eu"],
             "items":[{"price":100,"qty":2},{"price":250.25,"qty":1}]}
            """);
        AllocatedPerCall(Compile<JsonElement>(expression), document.RootElement, expected).Should().Be(0);
    }

    [Fact]
    public void Evaluate_JsonPlusJson_BoxesOnlyTheResult()
    {
        using var document = JsonDocument.Parse("{\"sum24h\":19000.5,\"amount\":1000}");
        AllocatedPerCall(Compile<JsonElement>("input1.sum24h + input1.amount > 20000"), document.RootElement, true).Should().BeLessThanOrEqualTo(32);
    }
}
