using System.Collections.Immutable;
using System.Text.Json;

namespace Compliance.Rules;

/// <summary>
/// Runs rule test cases (the <c>*.tests.json</c> format of docs/rule-tests.md) against workflow JSON. Pure: takes
/// the two texts, reads no files, and reports every failure as a value.
/// </summary>
public static class RuleTestRunner
{
    private static readonly string[] ErrorPrefixes =
    [
        "Exception while parsing expression",
        "Error while executing rule",
        "Error while compiling rule",
        "Error while executing scoped params",
    ];

    /// <summary>Runs every case of <paramref name="testsJson"/> against the workflows of <paramref name="workflowJson"/>.</summary>
    /// <param name="workflowJson">A workflow document (one workflow or an array).</param>
    /// <param name="testsJson">The test file's text.</param>
    /// <param name="settings">Engine settings (defaults when null); custom types and actions come from here.</param>
    /// <param name="cancellationToken">Checked between cases.</param>
    /// <remarks>Inputs are converted with <see cref="RuleInputs.FromJson(JsonElement)"/> (ExpandoObject).</remarks>
    public static ValueTask<RuleTestReport> RunAsync(
        string workflowJson, string testsJson, ReSettings? settings = null, CancellationToken cancellationToken = default) =>
        RunAsync(workflowJson, testsJson, settings, inputReader: null, cancellationToken);

    /// <summary>
    /// Runs every case of <paramref name="testsJson"/> against the workflows of <paramref name="workflowJson"/>, reading
    /// inputs with <paramref name="inputReader"/>, so rule sets served on typed facts are tested on the same types.
    /// </summary>
    /// <param name="workflowJson">A workflow document (one workflow or an array).</param>
    /// <param name="testsJson">The test file's text.</param>
    /// <param name="settings">Engine settings (defaults when null); custom types and actions come from here.</param>
    /// <param name="inputReader">
    /// Called for each input of each case with the input's name (<c>input1</c>.. for an array of inputs) and its JSON;
    /// returns the value to pass (for example <c>json.Deserialize&lt;TransactionFacts&gt;(JsonSerializerOptions.Web)</c>),
    /// or null to convert it with <see cref="RuleInputs.FromJson(JsonElement)"/> as without a reader. An exception it
    /// throws is reported as that case's error. Null: every input goes through <see cref="RuleInputs.FromJson(JsonElement)"/>.
    /// </param>
    /// <param name="cancellationToken">Checked between cases.</param>
    public static async ValueTask<RuleTestReport> RunAsync(
        string workflowJson, string testsJson, ReSettings? settings, Func<string, JsonElement, object?>? inputReader, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflowJson);
        ArgumentNullException.ThrowIfNull(testsJson);
        if (!WorkflowJson.TryParse(workflowJson, out var workflows, out var workflowError))
        {
            return Failed(null, $"workflow file: {workflowError}");
        }

        if (!RuleTestSuite.TryParse(testsJson, out var suite, out var suiteError))
        {
            return Failed(null, $"test file: {suiteError}");
        }

        var workflowName = suite.WorkflowName ?? (workflows.Length == 1 ? workflows[0].WorkflowName : null);
        if (workflowName is null)
        {
            return Failed(null, "test file: \"workflow\" is required when the workflow file holds several workflows");
        }

        var engine = new RulesEngine(settings);
        try
        {
            engine.AddWorkflow(workflows);
        }
        catch (RuleValidationException ex)
        {
            return Failed(workflowName, $"workflow file: {ex.Message}");
        }

        if (!engine.ContainsWorkflow(workflowName))
        {
            return Failed(workflowName, $"test file: workflow `{workflowName}` is not in the workflow file");
        }

        var cases = ImmutableArray.CreateBuilder<RuleTestCaseResult>(suite.Cases.Length);
        foreach (var testCase in suite.Cases)
        {
            cancellationToken.ThrowIfCancellationRequested();
            cases.Add(await RunCaseAsync(engine, workflowName, testCase, inputReader, cancellationToken));
        }

        return new RuleTestReport(workflowName, cases.MoveToImmutable(), []);
    }

    private static async ValueTask<RuleTestCaseResult> RunCaseAsync(
        RulesEngine engine, string workflowName, RuleTestCase testCase, Func<string, JsonElement, object?>? inputReader, CancellationToken cancellationToken)
    {
        var parameters = new RuleParameter[testCase.Inputs.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            var input = testCase.Inputs[i];
            try
            {
                parameters[i] = new RuleParameter(input.Name, inputReader?.Invoke(input.Name, input.Json) ?? RuleInputs.FromJson(input.Json));
            }
#pragma warning disable CA1031 // Whatever the caller's reader throws for this input is reported against the case.
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                return new RuleTestCaseResult(testCase.Name, [], $"input `{input.Name}`: {ex.GetType().Name}: {ex.Message}");
            }
        }

        List<RuleResultTree> results;
        try
        {
            results = await engine.ExecuteAllRulesAsync(workflowName, parameters, cancellationToken);
        }
#pragma warning disable CA1031 // Whatever the engine throws for this case is reported against the case.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            return new RuleTestCaseResult(testCase.Name, [], $"{ex.GetType().Name}: {ex.Message}");
        }

        var assertions = testCase.Expectations.Select(e => Check(e, results)).ToImmutableArray();
        return new RuleTestCaseResult(testCase.Name, assertions, null);
    }

    private static RuleTestAssertion Check(RuleExpectation expected, List<RuleResultTree> results)
    {
        var result = Find(results, expected.RuleName);
        if (result is null)
        {
            return new(expected.RuleName, false, "rule not in the results (unknown, disabled, or not evaluated)");
        }

        var problems = new List<string>();
        var isError = !result.IsSuccess && ErrorPrefixes.Any(p => result.ExceptionMessage.StartsWith(p, StringComparison.Ordinal));
        if (expected.Success is { } success && success != result.IsSuccess)
        {
            problems.Add($"expected {Lower(success)}, got {Lower(result.IsSuccess)}" + Detail(result));
        }
        else if (isError && expected.Error != true)
        {
            problems.Add($"rule failed with an error: {result.ExceptionMessage}");
        }

        if (expected.Error is { } error && error != isError)
        {
            problems.Add(error ? $"expected an error, got {Lower(result.IsSuccess)}" + Detail(result) : "expected no error");
        }

        if (expected.MessageContains is { } fragment && !result.ExceptionMessage.Contains(fragment, StringComparison.Ordinal))
        {
            problems.Add($"expected the message to contain \"{fragment}\", got \"{result.ExceptionMessage}\"");
        }

        if (expected.Output is { } output)
        {
            var actual = result.ActionResult?.Output;
            if (!JsonValues.Equal(output, actual))
            {
                problems.Add($"expected output {output.GetRawText()}, got {JsonValues.Show(actual)}"
                    + (result.ActionResult?.Exception is { } ex ? $" (action error: {ex.Message})" : ""));
            }
        }

        return problems.Count == 0
            ? new(expected.RuleName, true, "ok")
            : new(expected.RuleName, false, string.Join("; ", problems));
    }

    /// <summary>The conventional test file of a rule set: <c>rules/x/x.json</c> → <c>rules/x/x.tests.json</c>.</summary>
    public static string TestFilePathFor(string ruleSetPath)
    {
        ArgumentNullException.ThrowIfNull(ruleSetPath);
        var extension = Path.GetExtension(ruleSetPath);
        return string.Equals(extension, ".json", StringComparison.OrdinalIgnoreCase)
            ? ruleSetPath[..^extension.Length] + ".tests.json"
            : ruleSetPath + ".tests.json";
    }

    /// <summary>Finds a top-level rule by name, or a nested one by its path ("Parent/Child").</summary>
    private static RuleResultTree? Find(IEnumerable<RuleResultTree>? results, string path)
    {
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        var name = slash < 0 ? path : path[..slash];
        var result = results?.FirstOrDefault(r => string.Equals(r.Rule.RuleName, name, StringComparison.Ordinal));
        return slash < 0 || result is null ? result : Find(result.ChildResults, path[(slash + 1)..]);
    }

    private static string Detail(RuleResultTree result) =>
        string.IsNullOrEmpty(result.ExceptionMessage) ? "" : $" (ExceptionMessage: {result.ExceptionMessage})";

    private static string Lower(bool value) => value ? "true" : "false";

    private static RuleTestReport Failed(string? workflowName, string error) => new(workflowName, [], [error]);
}
