using System.Globalization;
using System.Text.RegularExpressions;

namespace Compliance.Api.Screening.Lists;

/// <summary>
/// The UK consolidated list of financial sanctions targets (OFSI, <c>ConList.csv</c>): a
/// "Last Updated" line, a header row, then one row per name, grouped into parties by
/// <c>Group ID</c>. <c>Name 6</c> is the surname, <c>Name 1</c>–<c>Name 5</c> the other parts; the
/// row's <c>Alias Type</c> says whether it is the primary name or an alias and <c>Alias Quality</c>
/// whether the alias is weak ("Low"). Dates are dd/mm/yyyy with 00 for an unknown day or month.
/// Columns are found by their header, so their order does not matter.
/// </summary>
internal static partial class UkSanctionsCsvParser
{
    private const string File = "UK sanctions list";
    private static readonly string[] Required = ["Name 6", "Group Type", "Group ID"];

    public static IReadOnlyList<ListEntry> Parse(ReadOnlyMemory<byte> content)
    {
        var rows = CsvRows.Read(CsvRows.Text(content), File).GetEnumerator();
        Dictionary<string, int>? columns = null;
        while (columns is null && rows.MoveNext())
        {
            var (_, f) = rows.Current;
            if (f.Contains("Group ID", StringComparer.OrdinalIgnoreCase) || f.Contains("Name 6", StringComparer.OrdinalIgnoreCase))
            {
                columns = f.Select((name, i) => (name.Trim(), i)).DistinctBy(c => c.Item1, StringComparer.OrdinalIgnoreCase)
                    .ToDictionary(c => c.Item1, c => c.i, StringComparer.OrdinalIgnoreCase);
            }
            else if (!f[0].StartsWith("Last Updated", StringComparison.OrdinalIgnoreCase))
            {
                throw new ListFormatException($"{File} line {rows.Current.Line}", "expected the 'Last Updated' line or the header row");
            }
        }

        if (columns is null)
        {
            throw new ListFormatException($"{File} line 1", "no header row");
        }

        if (Required.FirstOrDefault(c => !columns.ContainsKey(c)) is { } missing)
        {
            throw new ListFormatException($"{File} header", $"column '{missing}' is missing");
        }

        var groups = new Dictionary<string, Group>(StringComparer.Ordinal);
        while (rows.MoveNext())
        {
            var (line, f) = rows.Current;
            var where = $"{File} line {line}";
            string Get(string column) => columns.TryGetValue(column, out var i) && i < f.Length ? f[i].Trim() : "";
            if (f.Length < columns.Count)
            {
                throw new ListFormatException(where, $"expected {columns.Count} fields, found {f.Length}");
            }

            var groupId = Get("Group ID");
            if (groupId.Length == 0)
            {
                throw new ListFormatException(where, "Group ID is empty");
            }

            var kind = Get("Group Type").ToLowerInvariant() switch
            {
                "individual" => PartyKind.Person,
                "entity" => PartyKind.Organisation,
                "ship" => PartyKind.Vessel,
                var other => throw new ListFormatException(where, $"Group Type '{other}' is not Individual, Entity or Ship"),
            };
            var parts = new[] { "Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Name 6" }.Select(Get).Where(p => p.Length > 0);
            var name = string.Join(' ', parts);
            if (name.Length == 0)
            {
                throw new ListFormatException(where, "every name column is empty");
            }

            if (!groups.TryGetValue(groupId, out var group))
            {
                groups[groupId] = group = new Group(groupId, kind);
            }

            var primary = Get("Alias Type").Equals("Primary name", StringComparison.OrdinalIgnoreCase);
            var weak = Get("Alias Quality").Equals("Low", StringComparison.OrdinalIgnoreCase);
            group.Names.Add(new ListName(name, primary ? NameStrength.Primary : weak ? NameStrength.Weak : NameStrength.Strong));
            if (Get("Name Non-Latin Script") is { Length: > 0 } original)
            {
                group.Names.Add(new ListName(original, NameStrength.Strong));
            }

            if (Get("DOB") is { Length: > 0 } dob)
            {
                group.BirthDates.Add(BirthDate(dob, where));
            }

            foreach (var country in Countries(Get("Nationality")).Concat(Countries(Get("Country"))))
            {
                group.Countries.Add(country);
            }

            AddIdentifier(group, "passport", Get("Passport Number"));
            AddIdentifier(group, "national id", Get("National Identification Number"));
            if (Get("Regime") is { Length: > 0 } regime)
            {
                group.Programs.Add(regime);
            }
        }

        return [.. groups.Values.Select(g => new ListEntry(g.Id, g.Kind, Primary(g.Names), [.. g.BirthDates.Distinct()],
            [.. g.Countries], [.. g.Identifiers.DistinctBy(i => i.Number)], [.. g.Programs]))];
    }

    // The primary name first; a group with no row marked primary keeps its first name as primary.
    private static List<ListName> Primary(List<ListName> names)
    {
        var ordered = names.DistinctBy(n => n.Name).OrderBy(n => n.Strength).ToList();
        if (ordered[0].Strength != NameStrength.Primary)
        {
            ordered[0] = ordered[0] with { Strength = NameStrength.Primary };
        }

        return ordered;
    }

    private static void AddIdentifier(Group group, string type, string numbers)
    {
        foreach (var number in Numbered(numbers).Select(n => n.Split(' ', 2)[0]).Where(n => n.Length >= 4))
        {
            group.Identifiers.Add(new ListIdentifier(type, number, null));
        }
    }

    private static ListBirthDate BirthDate(string dob, string where)
    {
        var match = DatePattern().Match(dob);
        if (!match.Success)
        {
            throw new ListFormatException(where, $"DOB '{dob}' is not dd/mm/yyyy");
        }

        var day = int.Parse(match.Groups["d"].Value, CultureInfo.InvariantCulture);
        var month = int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture);
        var year = int.Parse(match.Groups["y"].Value, CultureInfo.InvariantCulture);
        if (month > 12 || day > 31)
        {
            throw new ListFormatException(where, $"DOB '{dob}' is not a date");
        }

        return new ListBirthDate(year, year, month == 0 ? null : month, day == 0 || month == 0 ? null : day);
    }

    // "(1) Iran (2) Iraq" or a single name.
    private static IEnumerable<string> Countries(string field) => Numbered(field).Select(CountryNames.ToCode).OfType<string>();

    private static IEnumerable<string> Numbered(string field) =>
        NumberedPart().Split(field).Select(p => p.Trim()).Where(p => p.Length > 0);

    [GeneratedRegex(@"^(?<d>\d{2})/(?<m>\d{2})/(?<y>\d{4})$")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"\(\d+\)")]
    private static partial Regex NumberedPart();

    private sealed class Group(string id, PartyKind kind)
    {
        public string Id { get; } = id;

        public PartyKind Kind { get; } = kind;

        public List<ListName> Names { get; } = [];

        public List<ListBirthDate> BirthDates { get; } = [];

        public HashSet<string> Countries { get; } = new(StringComparer.Ordinal);

        public List<ListIdentifier> Identifiers { get; } = [];

        public HashSet<string> Programs { get; } = new(StringComparer.Ordinal);
    }
}
