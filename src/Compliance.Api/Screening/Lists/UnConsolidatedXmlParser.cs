using System.Globalization;
using System.Xml.Linq;

namespace Compliance.Api.Screening.Lists;

/// <summary>
/// The UN Security Council consolidated list (<c>consolidated.xml</c>): <c>INDIVIDUAL</c> and
/// <c>ENTITY</c> elements under <c>CONSOLIDATED_LIST</c>, keyed by <c>REFERENCE_NUMBER</c> (e.g.
/// QDi.001). Names are FIRST_NAME to FOURTH_NAME; aliases carry a QUALITY where "Low" is weak;
/// dates of birth are EXACT (DATE or YEAR), APPROXIMATELY (YEAR) or BETWEEN (FROM_YEAR, TO_YEAR).
/// </summary>
internal static class UnConsolidatedXmlParser
{
    private const string File = "UN consolidated list";

    public static IReadOnlyList<ListEntry> Parse(ReadOnlyMemory<byte> content)
    {
        var entries = new List<ListEntry>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (line, e) in XmlEntries.Read(content, File, "CONSOLIDATED_LIST", new HashSet<string> { "INDIVIDUAL", "ENTITY" }))
        {
            var where = $"{File} <{e.Name.LocalName}> at line {line}";
            var person = e.Name.LocalName == "INDIVIDUAL";
            var id = Text(e, "REFERENCE_NUMBER") ?? Text(e, "DATAID") ?? throw new ListFormatException(where, "REFERENCE_NUMBER is missing");
            if (!seen.Add(id))
            {
                throw new ListFormatException(where, $"REFERENCE_NUMBER {id} appears twice");
            }

            var name = string.Join(' ', new[] { "FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME" }.Select(n => Text(e, n)).OfType<string>());
            if (name.Length == 0)
            {
                throw new ListFormatException(where, "FIRST_NAME is missing");
            }

            var names = new List<ListName> { new(name, NameStrength.Primary) };
            if (Text(e, "NAME_ORIGINAL_SCRIPT") is { } original)
            {
                names.Add(new ListName(original, NameStrength.Strong));
            }

            foreach (var alias in e.Elements(person ? "INDIVIDUAL_ALIAS" : "ENTITY_ALIAS"))
            {
                if (Text(alias, "ALIAS_NAME") is { } aliasName)
                {
                    var weak = string.Equals(Text(alias, "QUALITY"), "Low", StringComparison.OrdinalIgnoreCase);
                    names.Add(new ListName(aliasName, weak ? NameStrength.Weak : NameStrength.Strong));
                }
            }

            var countries = e.Elements("NATIONALITY").Elements("VALUE").Select(v => CountryNames.ToCode(v.Value))
                .Concat(e.Elements(person ? "INDIVIDUAL_ADDRESS" : "ENTITY_ADDRESS").Select(a => CountryNames.ToCode(Text(a, "COUNTRY"))))
                .OfType<string>().Distinct().ToList();
            var identifiers = e.Elements("INDIVIDUAL_DOCUMENT")
                .Where(d => Text(d, "NUMBER") is not null)
                .Select(d => new ListIdentifier(Text(d, "TYPE_OF_DOCUMENT") ?? "document", Text(d, "NUMBER")!, CountryNames.ToCode(Text(d, "ISSUING_COUNTRY"))))
                .ToList();
            var programs = new[] { Text(e, "UN_LIST_TYPE") }.OfType<string>().ToList();
            entries.Add(new ListEntry(id, person ? PartyKind.Person : PartyKind.Organisation, names,
                [.. e.Elements("INDIVIDUAL_DATE_OF_BIRTH").Select(d => BirthDate(d, where)).OfType<ListBirthDate>()], countries, identifiers, programs));
        }

        return entries;
    }

    private static ListBirthDate? BirthDate(XElement d, string where)
    {
        int Year(string element) => int.TryParse(Text(d, element), NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            ? y : throw new ListFormatException(where, $"{element} '{Text(d, element)}' is not a year");

        if (Text(d, "DATE") is { } date)
        {
            return DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var exact)
                ? new ListBirthDate(exact.Year, exact.Year, exact.Month, exact.Day)
                : throw new ListFormatException(where, $"DATE '{date}' is not yyyy-mm-dd");
        }

        var type = Text(d, "TYPE_OF_DATE")?.ToUpperInvariant();
        if (Text(d, "FROM_YEAR") is not null)
        {
            return new ListBirthDate(Year("FROM_YEAR"), Text(d, "TO_YEAR") is null ? Year("FROM_YEAR") : Year("TO_YEAR"));
        }

        if (Text(d, "YEAR") is not null)
        {
            var year = Year("YEAR");
            return type == "APPROXIMATELY" ? new ListBirthDate(year - 1, year + 1) : new ListBirthDate(year, year);
        }

        return null;
    }

    private static string? Text(XElement e, string child)
    {
        var value = e.Element(child)?.Value.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }
}
