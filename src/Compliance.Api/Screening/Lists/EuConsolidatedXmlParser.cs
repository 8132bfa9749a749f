using System.Globalization;
using System.Xml.Linq;

namespace Compliance.Api.Screening.Lists;

/// <summary>
/// The EU consolidated financial sanctions list (FSF XML export): <c>sanctionEntity</c> elements
/// under <c>export</c> in the <c>http://eu.europa.ec/fpi/fsd/export</c> namespace, keyed by
/// <c>logicalId</c>. Names are <c>nameAlias</c> elements (the first is taken as primary;
/// <c>strong="false"</c> marks a weak alias); <c>subjectType@code</c> is person or enterprise;
/// <c>citizenship</c>, <c>address</c> and <c>birthdate</c> carry ISO country codes; documents are
/// <c>identification</c> elements.
/// </summary>
internal static class EuConsolidatedXmlParser
{
    private const string File = "EU consolidated list";

    public static IReadOnlyList<ListEntry> Parse(ReadOnlyMemory<byte> content)
    {
        var entries = new List<ListEntry>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (line, e) in XmlEntries.Read(content, File, "export", new HashSet<string> { "sanctionEntity" }))
        {
            var where = $"{File} <sanctionEntity> at line {line}";
            var ns = e.Name.Namespace;
            var id = Attr(e, "logicalId") ?? throw new ListFormatException(where, "logicalId is missing");
            if (!seen.Add(id))
            {
                throw new ListFormatException(where, $"logicalId {id} appears twice");
            }

            var kind = Attr(e.Element(ns + "subjectType"), "code") switch
            {
                "person" => PartyKind.Person,
                "enterprise" => PartyKind.Organisation,
                null => throw new ListFormatException(where, "subjectType is missing"),
                _ => PartyKind.Unknown,
            };
            var names = new List<ListName>();
            foreach (var alias in e.Elements(ns + "nameAlias"))
            {
                var whole = Attr(alias, "wholeName")
                            ?? string.Join(' ', new[] { "firstName", "middleName", "lastName" }.Select(a => Attr(alias, a)).OfType<string>());
                if (whole.Length == 0)
                {
                    continue;
                }

                var strength = names.Count == 0 ? NameStrength.Primary
                    : string.Equals(Attr(alias, "strong"), "false", StringComparison.OrdinalIgnoreCase) ? NameStrength.Weak : NameStrength.Strong;
                names.Add(new ListName(whole, strength));
            }

            if (names.Count == 0)
            {
                throw new ListFormatException(where, "no nameAlias with a name");
            }

            var countries = e.Elements(ns + "citizenship").Concat(e.Elements(ns + "address"))
                .Select(c => Iso(Attr(c, "countryIso2Code"))).OfType<string>().Distinct().ToList();
            var identifiers = e.Elements(ns + "identification")
                .Where(i => Attr(i, "number") is not null)
                .Select(i => new ListIdentifier(Attr(i, "identificationTypeCode") ?? "document", Attr(i, "number")!, Iso(Attr(i, "countryIso2Code"))))
                .ToList();
            var programs = e.Elements(ns + "regulation").Select(r => Attr(r, "programme")).OfType<string>().Distinct().ToList();
            entries.Add(new ListEntry(id, kind, names, [.. e.Elements(ns + "birthdate").Select(b => BirthDate(b, where)).OfType<ListBirthDate>()],
                countries, identifiers, programs));
        }

        return entries;
    }

    private static ListBirthDate? BirthDate(XElement b, string where)
    {
        if (Attr(b, "birthdate") is { } full)
        {
            return DateOnly.TryParseExact(full, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? new ListBirthDate(date.Year, date.Year, date.Month, date.Day)
                : throw new ListFormatException(where, $"birthdate '{full}' is not yyyy-mm-dd");
        }

        if (Attr(b, "year") is not { } yearText)
        {
            return null;
        }

        if (!int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            throw new ListFormatException(where, $"birthdate year '{yearText}' is not a year");
        }

        var circa = string.Equals(Attr(b, "circa"), "true", StringComparison.OrdinalIgnoreCase);
        int? month = int.TryParse(Attr(b, "monthOfYear"), NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m is >= 1 and <= 12 ? m : null;
        return circa ? new ListBirthDate(year - 1, year + 1) : new ListBirthDate(year, year, month);
    }

    // The export writes "00" for an unknown country.
    private static string? Iso(string? code) => code is { Length: 2 } && code != "00" ? code.ToUpperInvariant() : null;

    private static string? Attr(XElement? e, string name)
    {
        var value = e?.Attribute(name)?.Value.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }
}
