using System.Linq.Expressions;
using System.Text;
using System.Text.Json;
using Compliance.Rules.Expressions;
using Compliance.Rules.Tests.Expressions.Support;

namespace Compliance.Rules.Tests.Expressions;

/// <summary>Whatever the text, Parse and Bind return diagnostics or a body; they never throw.</summary>
public class RobustnessTests
{
    private static readonly string[] Pieces =
    [
        "input1", "json", "it", ".", ".Amount", ".Items", ".Customer", ".Name", ".Tags", ".country", ".items", ".price", "?.", "?[", "[", "]", "(", ")",
        "{", "}", ",", " ", "+", "-", "*", "/", "%", "&", "&&", "||", "!", "==", "!=", "<", ">=", "??", "?", ":", "=>",
        "and", "or", "not", "in", "is", "as", "new", "null", "true", "1", "2.5", "10m", "\"x\"", "'c'", "Any(", "Sum(", "Count()",
        "First(", "Select(", "np(", "iif(", "int(", "DateTime(", "Math.Abs(", "string.Join(", "x =>", "new [] {", "new (",
        "Contains(", "ToString()", "GetType()", "Length", "[0]", "int", "decimal?", "Where(", "OrderBy(", "\"", "\\", "@",
    ];

    [Fact]
    public void Bind_RandomText_NeverThrows()
    {
        var random = new Random(20261121);
        var compiler = new ExpressionCompiler(new ExpressionCompilerOptions());
        ParameterExpression[] scope = [Expression.Parameter(typeof(Transaction), "input1"), Expression.Parameter(typeof(JsonElement), "json")];
        var bound = 0;
        for (var i = 0; i < 5_000; i++)
        {
            var text = new StringBuilder();
            var length = random.Next(1, 14);
            for (var j = 0; j < length; j++)
            {
                text.Append(Pieces[random.Next(Pieces.Length)]);
            }

            var expression = text.ToString();
            var act = () =>
            {
                compiler.Parse(expression);
                var result = compiler.Bind(expression, scope, i % 2 == 0 ? typeof(bool) : null);
                (result.Body is null).Should().Be(!result.Diagnostics.IsEmpty, expression);
                if (result.Success)
                {
                    bound++;
                    Expression.Lambda(result.Body!, scope).Compile();
                }
            };
            act.Should().NotThrow(expression);
        }

        bound.Should().BeGreaterThan(0);
    }

    private static readonly string[] Atoms =
    [
        "input1.Amount", "input1.Quantity", "input1.Score", "input1.Country", "input1.Rate", "input1.BookedAt", "input1.SettledAt",
        "input1.Role", "input1.Flagged", "input1.Customer.Age", "input1.Customer.Address.City", "input1.Tags", "input1.Items",
        "json.amount", "json.country", "json.items", "json.tags", "json.active", "json.missing", "json.items[0].price",
        "1", "2.5", "10m", "0", "-3", "\"india\"", "\"2024-03-01\"", "null", "true", "'c'", "DateTime(2024, 3, 1)", "new [] {1, 2}",
        "input1.Attributes.channel", "input1.Items.Sum(i => i.Price * input1.Quantity)", "json.items.Any(i => i.price > input1.Amount)",
        "new (input1.Amount as A, json.country as C).A", "(int)input1.Rate", "(input1.Country as string)", "(json.amount is decimal)",
        "input1.Country.Substring(1, 2)", "Math.Max(input1.Quantity, 2)", "Convert.ToDecimal(json.amount)", "input1.Items[0].Price",
        "input1.Customer?.Address?.City", "input1.BookedAt.AddDays(1)", "(input1.BookedAt - DateTime(2024, 1, 1)).TotalDays",
        "json.tags.Select(t => t).First()", "input1.Items.OrderBy(Price).Last().Sku", "ExpressionUtils.CheckContains(input1.Country, \"india\")",
        "iif(input1.Flagged, json.amount, 0)", "TimeSpan.FromDays(1)", "Guid.Empty", "int.MaxValue", "\"5\"", "json",
    ];

    private static readonly string[] BinaryOperators = ["+", "-", "*", "/", "%", "==", "!=", "<", ">=", "&&", "||", "??", "&", "in"];

    private static readonly string[] Suffixes =
    [
        ".Any()", ".Count()", ".Sum()", ".First()", ".ToString()", ".Length", ".Any(it != null)", ".Count(x => x != null)", ".Contains(1)",
        ".Contains(\"eu\")", ".Max()", ".Where(it != null).Count()", ".Select(it).ToList()", ".OrderBy(it).FirstOrDefault()", ".ToUpper()", "?.Length",
    ];

    private static string Generate(Random random, int depth)
    {
        if (depth == 0 || random.Next(4) == 0)
        {
            var atom = Atoms[random.Next(Atoms.Length)];
            return random.Next(3) == 0 ? atom + Suffixes[random.Next(Suffixes.Length)] : atom;
        }

        return random.Next(9) switch
        {
            0 => $"!({Generate(random, depth - 1)})",
            1 => $"({Generate(random, depth - 1)} ? {Generate(random, depth - 1)} : {Generate(random, depth - 1)})",
            2 => $"np({Generate(random, depth - 1)})",
            3 => $"({Generate(random, depth - 1)} in ({Generate(random, depth - 1)}, {Generate(random, depth - 1)}))",
            4 => $"-({Generate(random, depth - 1)})",
            _ => $"({Generate(random, depth - 1)} {BinaryOperators[random.Next(BinaryOperators.Length)]} {Generate(random, depth - 1)})",
        };
    }

    [Theory]
    [InlineData(1121, 3)]
    [InlineData(7, 3)]
    [InlineData(42, 4)]
    [InlineData(99, 2)]
    [InlineData(2024, 4)]
    [InlineData(31337, 3)]
    public void Bind_RandomWellFormedExpressions_BindOrDiagnoseAndRunWithOrdinaryExceptions(int seed, int depth)
    {
        var random = new Random(seed);
        var compiler = new ExpressionCompiler(new ExpressionCompilerOptions());
        ParameterExpression[] scope = [Expression.Parameter(typeof(Transaction), "input1"), Expression.Parameter(typeof(JsonElement), "json")];
        using var document = JsonDocument.Parse("{\"amount\":10.5,\"country\":\"india\",\"items\":[{\"price\":1}],\"tags\":[\"eu\"],\"active\":true}");
        object[] values = [Transaction.Sample(), document.RootElement];
        var bound = 0;
        for (var i = 0; i < 1_000; i++)
        {
            var expression = Generate(random, depth);
            ExpressionBindResult result = null!;
            var bind = () => result = compiler.Bind(expression, scope, i % 3 == 0 ? typeof(bool) : null);
            bind.Should().NotThrow(expression);
            if (!result.Success)
            {
                result.Diagnostics.Should().NotBeEmpty(expression);
                continue;
            }

            bound++;
            Delegate compiled = null!;
            var compile = () => compiled = Expression.Lambda(result.Body!, scope).Compile();
            compile.Should().NotThrow(expression);
            EvaluationBudget.Reset(10_000);
            try
            {
                compiled.DynamicInvoke(values);
            }
            catch (System.Reflection.TargetInvocationException ex)
            {
                // Runtime failures are the ordinary ones the workflow layer reports as "Error while executing rule".
                ex.InnerException.Should().BeAssignableTo<Exception>()
                    .And.Match(e => e is InvalidOperationException || e is InvalidCastException || e is FormatException
                        || e is NullReferenceException || e is DivideByZeroException || e is OverflowException || e is ArgumentException, expression + " threw " + ex.InnerException);
            }
        }

        bound.Should().BeGreaterThan(30);
    }
}
