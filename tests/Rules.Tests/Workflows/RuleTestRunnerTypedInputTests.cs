using System.Text.Json;

namespace Compliance.Rules.Tests.Workflows;

public class RuleTestRunnerTypedInputTests
{
    private const string Workflow = """
        { "WorkflowName": "w", "Rules": [
            { "RuleName": "NightTransfer", "Expression": "transaction.HourUtc < 6 AND transaction.Amount >= 2000" },
            { "RuleName": "KnownCountry", "Expression": "customer.country == \"DE\"" } ] }
        """;

    private const string Tests = """
        { "cases": [ { "name": "2000 at 03:00 UTC",
            "inputs": { "transaction": { "amount": 2100, "occurredAt": "2026-11-20T03:00:00Z" }, "customer": { "country": "DE" } },
            "expect": { "NightTransfer": true, "KnownCountry": true } } ] }
        """;

    private static object? ReadTyped(string name, JsonElement json) =>
        name == "transaction" ? json.Deserialize<HourFacts>(JsonSerializerOptions.Web) : null;

    [Fact]
    public async Task RunAsync_InputReader_RulesSeeTypedFacts()
    {
        var report = await RuleTestRunner.RunAsync(Workflow, Tests, settings: null, inputReader: ReadTyped);

        report.Cases.Single().Error.Should().BeNull();
        report.Cases.Single().Assertions.Where(a => !a.Passed).Should().BeEmpty();
        report.Passed.Should().BeTrue();
    }

    [Fact]
    public async Task RunAsync_WithoutInputReader_ComputedPropertyIsMissing()
    {
        var report = await RuleTestRunner.RunAsync(Workflow, Tests);

        report.Passed.Should().BeFalse();
        report.Cases.Single().Assertions.Single(a => a.RuleName == "NightTransfer").Passed.Should().BeFalse();
    }

    [Fact]
    public async Task RunAsync_ReaderReturnsNull_FallsBackToExpando()
    {
        var seen = new List<(string Name, JsonValueKind Kind)>();

        var report = await RuleTestRunner.RunAsync(Workflow, Tests, null, (name, json) =>
        {
            seen.Add((name, json.ValueKind));
            return ReadTyped(name, json);
        });

        report.Passed.Should().BeTrue();
        seen.Should().Equal(("transaction", JsonValueKind.Object), ("customer", JsonValueKind.Object));
    }

    [Fact]
    public async Task RunAsync_PositionalInputs_ReaderGetsInputNames()
    {
        var names = new List<string>();

        var report = await RuleTestRunner.RunAsync(
            """{ "WorkflowName": "w", "Rules": [ { "RuleName": "r", "Expression": "input1.HourUtc == 3 AND input2 == 7" } ] }""",
            """{ "cases": [ { "inputs": [ { "occurredAt": "2026-11-20T03:00:00Z" }, 7 ], "expect": { "r": true } } ] }""",
            null,
            (name, json) =>
            {
                names.Add(name);
                return name == "input1" ? json.Deserialize<HourFacts>(JsonSerializerOptions.Web) : null;
            });

        report.Passed.Should().BeTrue();
        names.Should().Equal("input1", "input2");
    }

    [Fact]
    public async Task RunAsync_ReaderThrows_ReportedAsThatCasesError()
    {
        var report = await RuleTestRunner.RunAsync(Workflow, """
            { "cases": [
                { "name": "bad", "inputs": { "transaction": { "occurredAt": "not a date" } }, "expect": { "NightTransfer": true } },
                { "name": "good", "inputs": { "transaction": { "amount": 1 }, "customer": { "country": "DE" } }, "expect": { "KnownCountry": true } } ] }
            """, null, ReadTyped);

        report.Passed.Should().BeFalse();
        report.Cases[0].Error.Should().StartWith("input `transaction`: JsonException: ");
        report.Cases[1].Error.Should().BeNull();
        report.Cases[1].Assertions.Single().Passed.Should().BeTrue();
    }

    [Fact]
    public async Task RunAsync_ExistingOverload_StillCallableAsBefore()
    {
        using var cancellation = new CancellationTokenSource();

        var positional = await RuleTestRunner.RunAsync(Workflow, Tests, null, cancellation.Token);
        var named = await RuleTestRunner.RunAsync(Workflow, Tests, settings: new ReSettings(), cancellationToken: cancellation.Token);

        positional.Cases.Should().ContainSingle();
        named.Cases.Should().ContainSingle();
    }
}
