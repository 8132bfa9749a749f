using Compliance.Rules.Compat.Tests.Corpus;
using Xunit.Abstractions;

namespace Compliance.Rules.Compat.Tests;

/// <summary>Whole workflows (scoped params, nested rules, actions, error messages) through both engines.</summary>
public sealed class WorkflowCompatTests(ITestOutputHelper output)
{
    public static IEnumerable<object[]> Areas() => [["scoped-params"], ["nested-rules"], ["actions"], ["error-messages"]];

    public static IEnumerable<CompatCase> CasesOf(string area) => area switch
    {
        "scoped-params" => WorkflowCorpus.ScopedParams(),
        "nested-rules" => WorkflowCorpus.NestedRules(),
        "actions" => WorkflowCorpus.Actions(),
        "error-messages" => WorkflowCorpus.ErrorMessages(),
        _ => throw new ArgumentOutOfRangeException(nameof(area)),
    };

    [Theory]
    [MemberData(nameof(Areas))]
    public async Task Area_EveryDifferenceFromRulesEngineIsExplained(string area)
    {
        var run = await CompatRun.RunAsync(area, CasesOf(area));

        output.WriteLine(run.Summary(area));
        run.Unexplained.Should().BeEmpty(run.Report());
    }
}
