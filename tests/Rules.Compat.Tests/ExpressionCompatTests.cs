using Compliance.Rules.Compat.Tests.Corpus;
using Compliance.Rules.Compat.Tests.Oracle;
using Xunit.Abstractions;

namespace Compliance.Rules.Compat.Tests;

/// <summary>The generated expressions, by area, through both engines with ExpandoObject, JsonElement and typed inputs.</summary>
public sealed class ExpressionCompatTests(ITestOutputHelper output)
{
    public static IEnumerable<object[]> Areas() =>
    [
        ["comparisons"], ["arithmetic"], ["strings"], ["nulls-and-missing"], ["nested-objects"], ["lists"], ["conditionals"], ["dates"], ["logic"],
        ["custom-types"], ["casing"], ["casing-sensitive"], ["logic-ignore-exception"], ["logic-exceptions-thrown"], ["invalid"],
    ];

    public static IEnumerable<CompatCase> CasesOf(string area) => area switch
    {
        "comparisons" => Cases.Expressions(area, ExpressionCorpus.Comparisons()),
        "arithmetic" => Cases.Expressions(area, ExpressionCorpus.Arithmetic()),
        "strings" => Cases.Expressions(area, ExpressionCorpus.Strings()),
        "nulls-and-missing" => Cases.Expressions(area, ExpressionCorpus.NullsAndMissing()),
        "nested-objects" => Cases.Expressions(area, ExpressionCorpus.Nested()),
        "lists" => Cases.Expressions(area, ExpressionCorpus.Lists()),
        "conditionals" => Cases.Expressions(area, ExpressionCorpus.Conditionals()),
        "dates" => Cases.Expressions(area, ExpressionCorpus.Dates()),
        "logic" => Cases.Expressions(area, ExpressionCorpus.Logic()),
        "custom-types" => Cases.Expressions(area, ExpressionCorpus.CustomTypes()),
        "casing" => Cases.Expressions(area, ExpressionCorpus.Casing()),
        "casing-sensitive" => Cases.Expressions(area, ExpressionCorpus.Casing(), CompatSettings.Default with { CaseSensitive = true }),
        "logic-ignore-exception" => Cases.Expressions(area, ExpressionCorpus.Logic(), CompatSettings.Default with { IgnoreException = true }),
        "logic-exceptions-thrown" => Cases.Expressions(area, ExpressionCorpus.Logic(), CompatSettings.Default with { ExceptionAsErrorMessage = false }),
        "invalid" => Cases.Expressions(area, ExpressionCorpus.Invalid(), batchSize: 1),
        _ => throw new ArgumentOutOfRangeException(nameof(area)),
    };

    [Fact]
    public void Corpus_HoldsAtLeastTwoThousandDistinctExpressions()
    {
        var expressions = Areas().SelectMany(a => CasesOf((string)a[0])).Concat(WorkflowCompatTests.Areas().SelectMany(a => WorkflowCompatTests.CasesOf((string)a[0])))
            .SelectMany(c => c.Expressions.Values).Distinct(StringComparer.Ordinal).Count();

        expressions.Should().BeGreaterThanOrEqualTo(2000);
    }

    [Theory]
    [MemberData(nameof(Areas))]
    public async Task Area_EveryDifferenceFromRulesEngineIsExplained(string area)
    {
        var run = await CompatRun.RunAsync(area, CasesOf(area));

        output.WriteLine(run.Summary(area));
        run.Unexplained.Should().BeEmpty(run.Report());
    }
}
