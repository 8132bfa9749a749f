using Compliance.Api.Screening.Lists;

namespace Compliance.Api.Screening.Matching;

/// <summary>
/// What the facts beyond the name add to or take from a name match (the secondary matchers of
/// docs/screening.md): a shared identifier all but settles it; a birth date or country that agrees
/// raises the score a little and one that conflicts lowers it, less so when the list's date is
/// only a year or a range; a person screened against an organisation (or the reverse) is unlikely.
/// Each contribution is recorded so that the hit explains itself.
/// </summary>
internal static class FeatureScorer
{
    private const double IdentifierScore = 0.99;
    private const double ExactBirthDate = 0.05;
    private const double BirthYear = 0.02;
    private const double BirthDateConflict = -0.2;
    private const double ApproximateBirthDateConflict = -0.08;
    private const double CountryAgrees = 0.03;
    private const double CountryConflicts = -0.05;
    private const double KindConflicts = -0.15;

    /// <summary>The change to the name score; each contribution is recorded when <paramref name="contributions"/> is given.</summary>
    public static double Score(ScreeningSubject subject, ListEntry entry, bool identifierMatched, double nameScore, List<ScoreContribution>? contributions)
    {
        var delta = 0.0;
        if (identifierMatched)
        {
            var lift = Math.Max(0, IdentifierScore - nameScore);
            contributions?.Add(new("identifier", Math.Round(lift, 4), "an identifier on the list entry equals one of the subject's"));
            return lift;
        }

        if (subject.Kind != PartyKind.Unknown && entry.Kind != PartyKind.Unknown && subject.Kind != entry.Kind)
        {
            delta += Add(contributions, "kind", KindConflicts, $"listed as {Lower(entry.Kind)}, a different kind of party");
        }

        if (subject.BirthDate is { } born && entry.BirthDates.Count > 0)
        {
            delta += BirthDate(born, entry.BirthDates, contributions);
        }

        var countries = subject.Countries ?? [];
        if (countries.Count > 0 && entry.Countries.Count > 0)
        {
            var shared = countries.FirstOrDefault(c => entry.Countries.Contains(c, StringComparer.OrdinalIgnoreCase));
            delta += shared is not null
                ? Add(contributions, "country", CountryAgrees, "a listed country is the subject's")
                : Add(contributions, "country", CountryConflicts, $"listed countries {string.Join(", ", entry.Countries)}, none the subject's");
        }

        return delta;
    }

    private static double BirthDate(DateOnly born, IReadOnlyList<ListBirthDate> listed, List<ScoreContribution>? contributions)
    {
        foreach (var date in listed)
        {
            var inYears = born.Year >= date.FromYear && born.Year <= date.ToYear;
            if (inYears && date.IsExact && date.Month == born.Month && date.Day == born.Day)
            {
                return Add(contributions, "birth_date", ExactBirthDate, "the listed birth date is the subject's");
            }
        }

        foreach (var date in listed)
        {
            var inYears = born.Year >= date.FromYear && born.Year <= date.ToYear;
            var monthAgrees = date.Month is null || date.Month == born.Month;
            if (inYears && monthAgrees && !date.IsExact)
            {
                return Add(contributions, "birth_date", BirthYear, "born in a listed year");
            }
        }

        // Within a year of a listed date: a typo or a different calendar, neither evidence for nor against.
        if (listed.Any(d => born.Year >= d.FromYear - 1 && born.Year <= d.ToYear + 1 && !(d.IsExact && born.Year >= d.FromYear && born.Year <= d.ToYear)))
        {
            contributions?.Add(new("birth_date", 0, "within a year of a listed birth date"));
            return 0;
        }

        var approximate = listed.All(d => !d.IsExact);
        return Add(contributions, "birth_date", approximate ? ApproximateBirthDateConflict : BirthDateConflict,
            $"listed born {string.Join(", ", listed)}, not the subject's date");
    }

    private static double Add(List<ScoreContribution>? contributions, string feature, double value, string detail)
    {
        contributions?.Add(new ScoreContribution(feature, value, detail));
        return value;
    }

    private static string Lower(PartyKind kind) => kind.ToString().ToLowerInvariant();
}
