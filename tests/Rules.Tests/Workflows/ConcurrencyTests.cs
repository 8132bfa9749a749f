namespace Compliance.Rules.Tests.Workflows;

public class ConcurrencyTests
{
    // Version A: every rule passes and its global says "A"; version B: every rule fails and says "B".
    // A result set mixing versions would mix success values, globals, or rule counts.
    private static Workflow Version(bool a) => new()
    {
        WorkflowName = "swap",
        GlobalParams = [new ScopedParam { Name = "tag", Expression = a ? "\"A\"" : "\"B\"" }],
        Rules = [.. Enumerable.Range(0, a ? 6 : 5).Select(i => new Rule
        {
            RuleName = $"r{i}",
            Expression = a ? $"input1 >= {i} && tag == \"A\"" : $"input1 < {i} && tag == \"B\"",
        })],
    };

    [Fact]
    public async Task AddOrUpdateWorkflow_WhileEvaluating_EveryResultSetFromOneVersion()
    {
        var engine = new RulesEngine([Version(true)]);
        var compiledA = engine.Compile("swap", typeof(int));
        using var stop = new CancellationTokenSource();
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var seen = new int[2];

        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < 60; i++)
            {
                engine.AddOrUpdateWorkflow(Version(i % 2 == 1));
                await Task.Delay(2);
            }

            await stop.CancelAsync();
        });

        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var outcomes = new RuleOutcome[8];
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var results = await engine.ExecuteAllRulesAsync("swap", 10);
                    var tags = results.Select(r => (string)r.Inputs["tag"]).Distinct().ToList();
                    var isA = tags.SequenceEqual(["A"]) && results.Count == 6 && results.All(r => r.IsSuccess);
                    var isB = tags.SequenceEqual(["B"]) && results.Count == 5 && results.All(r => !r.IsSuccess && r.ExceptionMessage == "");
                    if (!isA && !isB)
                    {
                        failures.Enqueue($"mixed result set: {string.Join(",", results.Select(r => $"{r.Rule.RuleName}={r.IsSuccess}/{r.Inputs["tag"]}"))}");
                    }

                    Interlocked.Increment(ref seen[isA ? 0 : 1]);
                    var compiled = engine.Compile("swap", typeof(int));
                    compiled.Evaluate(10, outcomes);
                    var span = outcomes.AsSpan(0, compiled.RuleCount).ToArray();
                    if (!(compiled.RuleCount == 6 && span.All(o => o.IsSuccess)) && !(compiled.RuleCount == 5 && span.All(o => o.Kind == RuleOutcomeKind.Failure)))
                    {
                        failures.Enqueue($"mixed outcomes: {string.Join(",", span)}");
                    }
                }
#pragma warning disable CA1031 // the test records every exception as a failure
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    failures.Enqueue(ex.ToString());
                }
            }
        })).ToArray();

        await Task.WhenAll(readers.Append(writer));

        failures.Should().BeEmpty();
        seen[0].Should().BePositive();
        seen[1].Should().BePositive();
        compiledA.RuleCount.Should().Be(6, "a compiled snapshot stays on its version");
    }

    [Fact]
    public async Task FirstExecution_ManyThreadsAtOnce_AllCompileConsistently()
    {
        var rules = string.Join(",", Enumerable.Range(0, 20).Select(i => $$"""{ "RuleName": "r{{i}}", "Expression": "input1.Amount > {{i}}" }"""));
        var engine = Engines.WithRules(rules);
        using var start = new ManualResetEventSlim();

        var runs = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return (await engine.ExecuteAllRulesAsync("w", Engines.Order(10))).Count(r => r.IsSuccess);
        })).ToArray();
        start.Set();
        var successes = await Task.WhenAll(runs);

        successes.Should().OnlyContain(count => count == 10);
        engine.Compile("w", typeof(Order)).RuleCount.Should().Be(20);
    }
}
