namespace Compliance.Rules.Compat.Tests.Oracle;

/// <summary>Compares the two engines' runs of a case, rule by rule and aspect by aspect.</summary>
public static class Comparison
{
    /// <summary>One difference: the rule path, the aspect, each side's text, and each side's result for that rule.</summary>
    public sealed record Found(string Rule, string Aspect, string Ours, string Theirs, RuleView? OursRule, RuleView? TheirsRule);

    /// <summary>The differences, and how many top-level rule results were compared (a whole-run difference counts them all).</summary>
    public static (List<Found> Differences, int Compared) Compare(EngineRun ours, EngineRun theirs)
    {
        var differences = new List<Found>();
        if (ours.Rules is null || theirs.Rules is null)
        {
            var o = ours.Rules is null ? $"threw {ours.Threw} «{ours.ThrewMessage}»" : "ran";
            var t = theirs.Rules is null ? $"threw {theirs.Threw} «{theirs.ThrewMessage}»" : "ran";
            if (ours.Rules is null != theirs.Rules is null || ours.Threw != theirs.Threw)
            {
                differences.Add(new("(run)", "run", o, t, null, null));
            }

            return (differences, Math.Max(ours.Rules?.Count ?? 0, Math.Max(theirs.Rules?.Count ?? 0, 1)));
        }

        Rules(ours.Rules, theirs.Rules, "", differences);
        return (differences, Math.Max(ours.Rules.Count, theirs.Rules.Count));
    }

    private static string Raw(RuleView view) => view.Message.StartsWith("error", StringComparison.Ordinal) ? $"{view.Message} «{view.RawMessage}»" : view.Message;

    // An action's error is compared as "an error", not by its wording (each engine words its own).
    private static bool SameOutput(string ours, string theirs) =>
        ours == theirs || (ours.StartsWith("action error", StringComparison.Ordinal) && theirs.StartsWith("action error", StringComparison.Ordinal));

    private static void Rules(IReadOnlyList<RuleView> ours, IReadOnlyList<RuleView> theirs, string path, List<Found> differences)
    {
        var names = ours.Select(r => r.Name).ToList();
        var theirNames = theirs.Select(r => r.Name).ToList();
        if (!names.SequenceEqual(theirNames))
        {
            differences.Add(new(path == "" ? "(run)" : path.TrimEnd('/'), "shape", string.Join(",", names), string.Join(",", theirNames), null, null));
            return;
        }

        for (var i = 0; i < ours.Count; i++)
        {
            var (o, t) = (ours[i], theirs[i]);
            var rule = path + o.Name;
            if (o.IsSuccess != t.IsSuccess)
            {
                differences.Add(new(rule, "success", o.IsSuccess.ToString(), t.IsSuccess.ToString(), o, t));
            }

            if (o.Message != t.Message)
            {
                differences.Add(new(rule, "message", Raw(o), Raw(t), o, t));
            }

            if (!SameOutput(o.Output, t.Output))
            {
                differences.Add(new(rule, "output", o.Output, t.Output, o, t));
            }

            if ((o.Children is null) != (t.Children is null))
            {
                differences.Add(new(rule, "shape", o.Children is null ? "leaf" : "nested", t.Children is null ? "leaf" : "nested", o, t));
            }
            else if (o.Children is not null)
            {
                Rules(o.Children, t.Children!, rule + "/", differences);
            }
        }
    }
}
