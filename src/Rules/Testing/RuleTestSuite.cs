using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Compliance.Rules;

/// <summary>A parsed test file (format: docs/rule-tests.md). Property names are matched case-insensitively.</summary>
internal sealed record RuleTestSuite(string? WorkflowName, ImmutableArray<RuleTestCase> Cases)
{
    public static bool TryParse(string json, [NotNullWhen(true)] out RuleTestSuite? suite, [NotNullWhen(false)] out string? error)
    {
        suite = null;
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "$: expected an object with \"workflow\" and \"cases\"";
                return false;
            }

            var workflow = Property(root, "workflow") ?? Property(root, "workflowName");
            if (workflow is { ValueKind: not JsonValueKind.String })
            {
                error = "$.workflow: expected a string";
                return false;
            }

            if (Property(root, "cases") is not { ValueKind: JsonValueKind.Array } casesJson)
            {
                error = "$.cases: expected an array of cases";
                return false;
            }

            var cases = ImmutableArray.CreateBuilder<RuleTestCase>();
            var index = 0;
            foreach (var caseJson in casesJson.EnumerateArray())
            {
                if (!TryParseCase(caseJson, $"$.cases[{index++}]", out var testCase, out error))
                {
                    return false;
                }

                cases.Add(testCase);
            }

            suite = new RuleTestSuite(workflow?.GetString(), cases.ToImmutable());
            error = null;
            return true;
        }
        catch (JsonException ex)
        {
            error = $"line {(ex.LineNumber ?? 0) + 1}, column {(ex.BytePositionInLine ?? 0) + 1}: {ex.Message}";
            return false;
        }
    }

    private static bool TryParseCase(JsonElement json, string at, [NotNullWhen(true)] out RuleTestCase? testCase, [NotNullWhen(false)] out string? error)
    {
        testCase = null;
        if (json.ValueKind != JsonValueKind.Object)
        {
            error = $"{at}: expected an object";
            return false;
        }

        var name = Property(json, "name") is { ValueKind: JsonValueKind.String } n ? n.GetString()! : at;
        var inputs = ImmutableArray.CreateBuilder<RuleTestInput>();
        switch (Property(json, "inputs"))
        {
            case { ValueKind: JsonValueKind.Object } named:
                foreach (var input in named.EnumerateObject())
                {
                    inputs.Add(new RuleTestInput(input.Name, input.Value.Clone()));
                }

                break;
            case { ValueKind: JsonValueKind.Array } positional:
                foreach (var input in positional.EnumerateArray())
                {
                    inputs.Add(new RuleTestInput($"input{inputs.Count + 1}", input.Clone()));
                }

                break;
            default:
                error = $"{at}.inputs: expected an object of inputs by name (or an array for input1..N)";
                return false;
        }

        if (Property(json, "expect") is not { ValueKind: JsonValueKind.Object } expectJson)
        {
            error = $"{at}.expect: expected an object of rule name -> true/false or {{ \"success\", \"error\", \"message\", \"output\" }}";
            return false;
        }

        var expectations = ImmutableArray.CreateBuilder<RuleExpectation>();
        foreach (var rule in expectJson.EnumerateObject())
        {
            switch (rule.Value.ValueKind)
            {
                case JsonValueKind.True or JsonValueKind.False:
                    expectations.Add(new RuleExpectation(rule.Name, rule.Value.GetBoolean(), null, null, null));
                    break;
                case JsonValueKind.Object:
                    var success = Property(rule.Value, "success") is { ValueKind: JsonValueKind.True or JsonValueKind.False } s ? s.GetBoolean() : (bool?)null;
                    var isError = Property(rule.Value, "error") is { ValueKind: JsonValueKind.True or JsonValueKind.False } e ? e.GetBoolean() : (bool?)null;
                    var message = Property(rule.Value, "message") is { ValueKind: JsonValueKind.String } m ? m.GetString() : null;
                    var output = Property(rule.Value, "output")?.Clone();
                    expectations.Add(new RuleExpectation(rule.Name, success, isError, message, output));
                    break;
                default:
                    error = $"{at}.expect.{rule.Name}: expected true, false or an object";
                    return false;
            }
        }

        testCase = new RuleTestCase(name, inputs.ToImmutable(), expectations.ToImmutable());
        error = null;
        return true;
    }

    private static JsonElement? Property(JsonElement json, string name)
    {
        foreach (var property in json.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }
}
