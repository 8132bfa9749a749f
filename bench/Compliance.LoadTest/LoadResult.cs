using System.Globalization;
using System.Text;

namespace Compliance.LoadTest;

/// <summary>One measured run: counts, outcomes by status, achieved rate and latency percentiles in milliseconds.</summary>
internal sealed record LoadResult(
    string Label, string Target, string Mode, long Requests, long Errors, long Skipped, SortedDictionary<string, long> Outcomes,
    double AchievedRate, double P50, double P90, double P99, double P999, double Max, double LagP50, double LagP99, double ClientCpuCores)
{
    public string ToText()
    {
        var text = new StringBuilder();
        var outcomes = string.Join(", ", Outcomes.Select(o => $"{o.Key}: {o.Value}"));
        text.AppendLine(CultureInfo.InvariantCulture, $"{Label} [{Target}, {Mode}]");
        text.AppendLine(CultureInfo.InvariantCulture, $"  requests {Requests}, errors {Errors}, skipped (in-flight limit) {Skipped}, by status: {outcomes}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  achieved {AchievedRate:F0}/s; latency ms p50 {P50:F2} p90 {P90:F2} p99 {P99:F2} p99.9 {P999:F2} max {Max:F2}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  dispatcher lag behind schedule ms p50 {LagP50:F2} p99 {LagP99:F2}; load generator CPU {ClientCpuCores:F2} cores");
        if (Skipped > 0)
        {
            text.AppendLine("  INVALID: requests were skipped because the in-flight limit was reached; the service did not keep up with the rate.");
        }

        return text.ToString();
    }

    /// <summary>One tab-separated line for scripts: RESULT label target mode requests errors skipped rate p50 p90 p99 p99.9 max.</summary>
    public string ToLine() => string.Join('\t',
        "RESULT", Label, Target, Mode, Requests.ToString(CultureInfo.InvariantCulture), Errors.ToString(CultureInfo.InvariantCulture),
        Skipped.ToString(CultureInfo.InvariantCulture), F(AchievedRate, "F0"), F(P50), F(P90), F(P99), F(P999), F(Max));

    private static string F(double value, string format = "F2") => value.ToString(format, CultureInfo.InvariantCulture);
}
