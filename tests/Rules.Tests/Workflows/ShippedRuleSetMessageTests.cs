using System.Text.Json;
using System.Text.RegularExpressions;

namespace Compliance.Rules.Tests.Workflows;

/// <summary>
/// The shipped pre-transaction rule set on every input of its test file, as typed facts, JSON and ExpandoObject: each
/// failing rule's message, read late, equals what the eager regex formatter (RulesEngine's algorithm) makes of its Inputs.
/// </summary>
public partial class ShippedRuleSetMessageTests
{
    private static readonly Dictionary<string, Type> FactTypes = new(StringComparer.Ordinal)
    {
        ["transaction"] = typeof(TransactionFacts),
        ["customer"] = typeof(CustomerFacts),
        ["velocity"] = typeof(VelocityFacts),
        ["counterparty"] = typeof(CounterpartyFacts),
    };

    public static TheoryData<string> Shapes => ["typed", "json", "expando"];

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task ExceptionMessage_EveryShippedCase_EqualsEagerRegexFormatting(string shape)
    {
        var directory = RuleSetDirectory();
        var engine = new RulesEngine([File.ReadAllText(Path.Combine(directory, "pre-transaction.json"))]);
        using var tests = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "pre-transaction.tests.json")));
        var checkedMessages = 0;

        foreach (var testCase in tests.RootElement.GetProperty("cases").EnumerateArray())
        {
            var parameters = testCase.GetProperty("inputs").EnumerateObject()
                .Select(input => new RuleParameter(input.Name, Read(shape, input.Name, input.Value.Clone())))
                .ToArray();
            var results = await engine.ExecuteAllRulesAsync("pre-transaction", parameters);

            // Other executions in between: a late read must still see this execution's values.
            await engine.ExecuteAllRulesAsync("pre-transaction", parameters);
            foreach (var result in results.Where(r => !r.IsSuccess && r.Rule.ErrorMessage is not null && !r.ExceptionMessage.StartsWith("Error", StringComparison.Ordinal)))
            {
                result.ExceptionMessage.Should().Be(EagerFormat(result.Rule.ErrorMessage!, result.Inputs), $"{testCase.GetProperty("name")}: {result.Rule.RuleName}");
                checkedMessages++;
            }
        }

        checkedMessages.Should().BeGreaterThan(100);
    }

    [Fact]
    public void IsFrozen_ShippedFacts_DeferredExceptTransaction()
    {
        // TransactionFacts has a computed property and a JsonElement: its placeholders are resolved at execution.
        FrozenValues.IsFrozen(new CustomerFacts()).Should().BeTrue();
        FrozenValues.IsFrozen(new VelocityFacts()).Should().BeTrue();
        FrozenValues.IsFrozen(new CounterpartyFacts()).Should().BeTrue();
        FrozenValues.IsFrozen(new TransactionFacts()).Should().BeFalse();
    }

    private static object? Read(string shape, string name, JsonElement json) => shape switch
    {
        "typed" => json.Deserialize(FactTypes[name], JsonSerializerOptions.Web),
        "json" => json,
        _ => RuleInputs.FromJson(json),
    };

    private static string RuleSetDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "rules", "pre-transaction");
            if (File.Exists(Path.Combine(candidate, "pre-transaction.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("rules/pre-transaction not found above the test output directory");
    }

    // The formatter as it was before templates were parsed once and formatted lazily.
    private static string EagerFormat(string template, Dictionary<string, object> inputs) =>
        Placeholder().Replace(template, match => Resolve(match.Groups[1].Value, inputs) ?? match.Value);

    private static string? Resolve(string path, Dictionary<string, object> inputs)
    {
        var parts = path.Split('.');
        if (!inputs.TryGetValue(parts[0], out var value))
        {
            return null;
        }

        var element = value is JsonElement json ? json : JsonSerializer.SerializeToElement(value);
        if (parts.Length == 1)
        {
            return element.GetRawText();
        }

        for (var i = 1; i < parts.Length; i++)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (!element.TryGetProperty(parts[i], out var next))
            {
                var match = element.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, parts[i], StringComparison.OrdinalIgnoreCase));
                if (match.Value.ValueKind == JsonValueKind.Undefined)
                {
                    return null;
                }

                next = match.Value;
            }

            element = next;
        }

        return element.ValueKind == JsonValueKind.String ? element.GetString() : element.GetRawText();
    }

    [GeneratedRegex(@"\$\((.*?)\)")]
    private static partial Regex Placeholder();
}
