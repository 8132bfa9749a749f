using Xunit.Abstractions;

namespace Compliance.Api.Tests.Screening;

/// <summary>
/// The matcher against the labelled evaluation set (transliterations, typos, swapped and dropped
/// tokens, legal forms; and similar names of other people and companies) among 5,000 distractors.
/// Goal: recall ≥ 0.98 at precision ≥ 0.9 at the customer threshold (bench/RESULTS.md has the sweep).
/// </summary>
public sealed class ScreeningEvaluationTests(ITestOutputHelper output)
{
    private static readonly Lazy<ScreeningEvaluation> Evaluation = new(() => ScreeningEvaluation.Load());

    [Fact]
    public void AtTheCustomerThreshold_RecallIsAtLeast98Percent_AtPrecisionOfAtLeast90Percent()
    {
        var threshold = new Compliance.Api.Screening.ScreeningOptions().Thresholds.Customer;
        foreach (var sweep in new[] { 0.75, 0.8, 0.85, 0.88, 0.9, 0.95 })
        {
            output.WriteLine(Evaluation.Value.Run(sweep).ToString());
        }

        var result = Evaluation.Value.Run(threshold);
        output.WriteLine("");
        output.WriteLine(result.ToString());
        foreach (var miss in result.Misses)
        {
            output.WriteLine(miss);
        }

        result.Recall.Should().BeGreaterThanOrEqualTo(0.98, string.Join("; ", result.Misses));
        result.Precision.Should().BeGreaterThanOrEqualTo(0.9, string.Join("; ", result.Misses));
    }
}
