using System.Collections.Concurrent;
using System.Text;
using Compliance.Rules.Compat.Tests.Corpus;
using Compliance.Rules.Compat.Tests.Differences;
using Compliance.Rules.Compat.Tests.Oracle;

namespace Compliance.Rules.Compat.Tests;

/// <summary>Runs an area's cases through both engines and sorts the differences into explained and unexplained.</summary>
public sealed class CompatRun
{
    private static readonly ConcurrentDictionary<string, (string Line, CompatRun Run)> Lines = new();

    public int Compared { get; private set; }

    public int Agreed { get; private set; }

    /// <summary>Agreed and compared rule results by input kind.</summary>
    public Dictionary<InputKind, (int Agreed, int Compared)> ByKind { get; } = [];

    public List<(Difference Difference, KnownDifference Known)> Explained { get; } = [];

    public List<Difference> Unexplained { get; } = [];

    public static async Task<CompatRun> RunAsync(string area, IEnumerable<CompatCase> cases)
    {
        var run = new CompatRun();
        foreach (var compatCase in cases)
        {
            // Every kind first: a difference under JSON is judged knowing whether the ExpandoObject run agreed.
            var byKind = new List<(InputKind Kind, List<Comparison.Found> Differences, int Compared)>();
            foreach (var kind in compatCase.Kinds)
            {
                var (ours, theirs) = await Engines.RunAsync(compatCase, kind);
                var (differences, compared) = Comparison.Compare(ours, theirs);
                byKind.Add((kind, differences, compared));
            }

            var expando = byKind.Where(k => k.Kind == InputKind.Expando).SelectMany(k => k.Differences).Select(d => (d.Rule, d.Aspect)).ToHashSet();
            foreach (var (kind, differences, compared) in byKind)
            {
                run.Compared += compared;
                var rules = new HashSet<string>(StringComparer.Ordinal);
                foreach (var found in differences)
                {
                    var difference = new Difference(compatCase, kind, found.Rule, found.Aspect, found.Ours, found.Theirs, found.OursRule, found.TheirsRule)
                    {
                        ExpandoAgrees = kind == InputKind.Json && !expando.Contains((found.Rule, found.Aspect)),
                    };
                    rules.Add(found.Rule.Split('/')[0]);
                    if (KnownDifferences.Explain(difference) is { } known)
                    {
                        run.Explained.Add((difference, known));
                    }
                    else
                    {
                        run.Unexplained.Add(difference);
                    }
                }

                var agreed = compared - (rules.Contains("(run)") ? compared : rules.Count);
                run.Agreed += agreed;
                var (kindAgreed, kindCompared) = run.ByKind.GetValueOrDefault(kind);
                run.ByKind[kind] = (kindAgreed + agreed, kindCompared + compared);
            }
        }

        Lines[area] = (run.Summary(area), run);
        if (Environment.GetEnvironmentVariable("COMPAT_DUMP") is { Length: > 0 } dump)
        {
            // For working through differences: every one of the area, explained or not.
            File.WriteAllLines(Path.Combine(dump, area.Replace('/', '_') + ".txt"),
                run.Unexplained.Select(d => "UNEXPLAINED " + d).Concat(run.Explained.Select(e => $"{e.Known.Id} {e.Difference}")));
        }

        WriteReport();
        return run;
    }

    public string Summary(string area)
    {
        var byKnown = Explained.GroupBy(e => e.Known.Id).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}: {g.Count()}");
        return $"{area}: {Agreed}/{Compared} rule results agree ({100.0 * Agreed / Math.Max(1, Compared):F1}%); explained differences {Explained.Count} ({string.Join(", ", byKnown)}); unexplained {Unexplained.Count}";
    }

    public string Report(int limit = 60)
    {
        var text = new StringBuilder();
        text.AppendLine($"{Unexplained.Count} difference(s) no KnownDifferences entry explains:");
        foreach (var difference in Unexplained.Take(limit))
        {
            text.AppendLine(difference.ToString());
        }

        return text.ToString();
    }

    // One line per area, rewritten as areas finish: the agreement report next to the test binaries.
    private static void WriteReport()
    {
        lock (Lines)
        {
            var runs = Lines.Values.Select(l => l.Run).ToList();
            var agreed = runs.Sum(r => r.Agreed);
            var compared = runs.Sum(r => r.Compared);
            var kinds = Enum.GetValues<InputKind>().Select(k => (Kind: k, Agreed: runs.Sum(r => r.ByKind.GetValueOrDefault(k).Agreed), Compared: runs.Sum(r => r.ByKind.GetValueOrDefault(k).Compared)))
                .Select(k => $"{k.Kind} {k.Agreed}/{k.Compared} ({100.0 * k.Agreed / Math.Max(1, k.Compared):F1}%)");
            File.WriteAllLines(Path.Combine(AppContext.BaseDirectory, "compat-report.txt"),
                [.. Lines.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Value.Line),
                 $"total: {agreed}/{compared} rule results agree ({100.0 * agreed / Math.Max(1, compared):F1}%) in the areas run; by input kind: {string.Join(", ", kinds)}"]);
        }
    }
}
