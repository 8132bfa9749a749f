using System.Globalization;
using System.Text.Json;
using Compliance.Api.Screening.Lists;
using Compliance.Api.Screening.Matching;

namespace Compliance.Api.Tests.Screening;

/// <summary>Precision and recall of the matcher on the labelled set in Fixtures/evaluation.json.</summary>
internal sealed class ScreeningEvaluation
{
    private ScreeningEvaluation(ScreeningIndex index, IReadOnlyList<LabelledQuery> queries)
    {
        Index = index;
        Queries = queries;
    }

    public ScreeningIndex Index { get; }

    public IReadOnlyList<LabelledQuery> Queries { get; }

    public static ScreeningEvaluation Load(int distractors = 5000)
    {
        using var document = JsonDocument.Parse(ListFixtures.Read("evaluation.json"));
        var root = document.RootElement;
        var entries = root.GetProperty("entries").EnumerateArray().Select(e => new ListEntry(
            e.GetProperty("id").GetString()!,
            e.GetProperty("kind").GetString() == "person" ? PartyKind.Person : PartyKind.Organisation,
            [.. e.GetProperty("names").EnumerateArray().Select((n, i) => new ListName(n.GetString()!, i == 0 ? NameStrength.Primary : NameStrength.Strong))],
            [.. Strings(e, "birthDates").Select(BirthDate)],
            [.. Strings(e, "countries")],
            [],
            [])).ToList();
        var queries = root.GetProperty("queries").EnumerateArray().Select(q => new LabelledQuery(
            new ScreeningSubject(
                q.GetProperty("name").GetString()!,
                q.TryGetProperty("kind", out var kind) ? kind.GetString() == "person" ? PartyKind.Person : PartyKind.Organisation : PartyKind.Unknown,
                q.TryGetProperty("birthDate", out var born) ? DateOnly.Parse(born.GetString()!, CultureInfo.InvariantCulture) : null,
                [.. Strings(q, "countries")]),
            q.GetProperty("expect").ValueKind == JsonValueKind.Null ? null : q.GetProperty("expect").GetString(),
            q.TryGetProperty("note", out var note) ? note.GetString() : null)).ToList();
        var index = ScreeningIndex.Build([new ListSnapshot("evaluation", 1, [.. entries, .. SyntheticEntries.Generate(distractors, seed: 11)])]);
        return new ScreeningEvaluation(index, queries);
    }

    public EvaluationResult Run(double threshold)
    {
        int truePositives = 0, falsePositives = 0, falseNegatives = 0;
        var misses = new List<string>();
        foreach (var query in Queries)
        {
            var hits = Index.Screen(query.Subject, threshold);
            if (query.Expect is { } expected)
            {
                if (hits.Any(h => h.EntryId == expected))
                {
                    truePositives++;
                }
                else
                {
                    falseNegatives++;
                    misses.Add($"missed {expected}: '{query.Subject.Name}' ({query.Note}); best {Best(query.Subject, expected)}");
                }

                falsePositives += hits.Count(h => h.EntryId != expected && !h.EntryId.StartsWith('S')) > 0 ? 1 : 0;
            }
            else if (hits.Count > 0)
            {
                falsePositives++;
                misses.Add($"false alert: '{query.Subject.Name}' ({query.Note}) -> {hits[0].EntryId} '{hits[0].MatchedName}' {hits[0].Score}");
            }
        }

        return new EvaluationResult(threshold, truePositives, falsePositives, falseNegatives, misses);
    }

    private string Best(ScreeningSubject subject, string expected) =>
        Index.Screen(subject, 0.3, 50).FirstOrDefault(h => h.EntryId == expected)?.Score.ToString("0.000", CultureInfo.InvariantCulture) ?? "none";

    private static IEnumerable<string> Strings(JsonElement e, string property) =>
        e.TryGetProperty(property, out var array) ? array.EnumerateArray().Select(x => x.GetString()!) : [];

    // "1975" (a year) or "1962-11-23".
    private static ListBirthDate BirthDate(string text)
    {
        if (text.Length == 4)
        {
            var year = int.Parse(text, CultureInfo.InvariantCulture);
            return new ListBirthDate(year, year);
        }

        var date = DateOnly.Parse(text, CultureInfo.InvariantCulture);
        return new ListBirthDate(date.Year, date.Year, date.Month, date.Day);
    }
}

internal sealed record LabelledQuery(ScreeningSubject Subject, string? Expect, string? Note);

internal sealed record EvaluationResult(double Threshold, int TruePositives, int FalsePositives, int FalseNegatives, IReadOnlyList<string> Misses)
{
    public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);

    public double Recall => TruePositives + FalseNegatives == 0 ? 1 : (double)TruePositives / (TruePositives + FalseNegatives);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"threshold {Threshold:0.00}: precision {Precision:0.000}, recall {Recall:0.000} (TP {TruePositives}, FP {FalsePositives}, FN {FalseNegatives})");
}
