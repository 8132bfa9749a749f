using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;

namespace Compliance.Api.Screening.Lists;

/// <summary>
/// OFAC's SDN list in its legacy delimited form: <c>sdn.csv</c> (one row per party), with
/// <c>alt.csv</c> (aliases) and <c>add.csv</c> (addresses) when given. No header rows; the literal
/// <c>-0-</c> means empty. Birth dates, nationalities and documents live in the free-text Remarks
/// ("DOB 01 Jan 1960; nationality Iran; Passport A1234 (Iran)") and are read from there.
/// Input: a zip holding the files, or sdn.csv alone.
/// </summary>
internal static partial class OfacSdnCsvParser
{
    private const string Null = "-0-";

    private static readonly string[] FileNames = ["sdn.csv", "alt.csv", "add.csv"];

    public static IReadOnlyList<ListEntry> Parse(ReadOnlyMemory<byte> content)
    {
        var files = Files(content);
        if (!files.TryGetValue("sdn.csv", out var sdn))
        {
            throw new ListFormatException("archive", "sdn.csv is missing (expected sdn.csv, and optionally alt.csv and add.csv)");
        }

        var aliases = files.TryGetValue("alt.csv", out var alt) ? Aliases(alt) : [];
        var countries = files.TryGetValue("add.csv", out var add) ? AddressCountries(add) : [];
        var entries = new List<ListEntry>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (line, f) in CsvRows.Read(CsvRows.Text(sdn), "sdn.csv"))
        {
            var where = $"sdn.csv line {line}";
            if (f.Length != 12)
            {
                throw new ListFormatException(where, $"expected 12 fields, found {f.Length}");
            }

            var id = Value(f[0]) ?? throw new ListFormatException(where, "ent_num is empty");
            if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                throw new ListFormatException(where, $"ent_num '{Clip(id)}' is not a number");
            }

            if (!seen.Add(id))
            {
                throw new ListFormatException(where, $"ent_num {id} appears twice");
            }

            var name = Value(f[1]) ?? throw new ListFormatException(where, "SDN_Name is empty");
            var kind = Value(f[2])?.ToLowerInvariant() switch
            {
                null => PartyKind.Organisation,
                "individual" => PartyKind.Person,
                "vessel" => PartyKind.Vessel,
                "aircraft" => PartyKind.Aircraft,
                var other => throw new ListFormatException(where, $"SDN_Type '{Clip(other)}' is not individual, vessel, aircraft or -0-"),
            };
            var remarks = Value(f[11]) ?? "";
            var names = new List<ListName> { new(PersonOrder(name, kind), NameStrength.Primary) };
            names.AddRange(aliases.GetValueOrDefault(id, []).Select(a => a with { Name = PersonOrder(a.Name, kind) }));
            var entryCountries = countries.GetValueOrDefault(id, []).Concat(RemarkCountries(remarks)).Distinct(StringComparer.Ordinal).ToList();
            if (Value(f[9]) is { } flag && CountryNames.ToCode(flag) is { } flagCode && !entryCountries.Contains(flagCode))
            {
                entryCountries.Add(flagCode);
            }

            entries.Add(new ListEntry(id, kind, names, BirthDates(remarks), entryCountries, Identifiers(remarks), Programs(Value(f[3]))));
        }

        return entries;
    }

    // "MADURO MOROS, Nicolas" is surname, given names: reordered so aliases and primary read alike.
    private static string PersonOrder(string name, PartyKind kind)
    {
        if (kind != PartyKind.Person)
        {
            return name;
        }

        var comma = name.IndexOf(',', StringComparison.Ordinal);
        return comma < 0 ? name : $"{name[(comma + 1)..].Trim()} {name[..comma].Trim()}";
    }

    private static Dictionary<string, ReadOnlyMemory<byte>> Files(ReadOnlyMemory<byte> content)
    {
        var span = content.Span;
        if (span.Length < 4 || span[0] != 'P' || span[1] != 'K' || span[2] != 3 || span[3] != 4)
        {
            return new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.OrdinalIgnoreCase) { ["sdn.csv"] = content };
        }

        try
        {
            using var zip = new ZipArchive(new MemoryStream(content.ToArray()), ZipArchiveMode.Read);
            var files = new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.OrdinalIgnoreCase);
            foreach (var entry in zip.Entries.Where(e => FileNames.Contains(e.Name, StringComparer.OrdinalIgnoreCase)))
            {
                if (entry.Length > 512L * 1024 * 1024)
                {
                    throw new ListFormatException($"archive {entry.Name}", "larger than 512 MiB uncompressed");
                }

                using var stream = entry.Open();
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                files[entry.Name] = copy.ToArray();
            }

            return files;
        }
        catch (InvalidDataException e)
        {
            throw new ListFormatException("archive", $"not a readable zip file ({e.Message})");
        }
    }

    private static Dictionary<string, List<ListName>> Aliases(ReadOnlyMemory<byte> content)
    {
        var aliases = new Dictionary<string, List<ListName>>(StringComparer.Ordinal);
        foreach (var (line, f) in CsvRows.Read(CsvRows.Text(content), "alt.csv"))
        {
            if (f.Length < 4)
            {
                throw new ListFormatException($"alt.csv line {line}", $"expected 5 fields, found {f.Length}");
            }

            var id = Value(f[0]) ?? throw new ListFormatException($"alt.csv line {line}", "ent_num is empty");
            if (Value(f[3]) is not { } name)
            {
                throw new ListFormatException($"alt.csv line {line}", "alt_name is empty");
            }

            var weak = f.Length > 4 && (Value(f[4]) ?? "").Contains("weak", StringComparison.OrdinalIgnoreCase);
            if (!aliases.TryGetValue(id, out var list))
            {
                aliases[id] = list = [];
            }

            list.Add(new ListName(name, weak ? NameStrength.Weak : NameStrength.Strong));
        }

        return aliases;
    }

    private static Dictionary<string, List<string>> AddressCountries(ReadOnlyMemory<byte> content)
    {
        var countries = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (line, f) in CsvRows.Read(CsvRows.Text(content), "add.csv"))
        {
            if (f.Length < 5)
            {
                throw new ListFormatException($"add.csv line {line}", $"expected 6 fields, found {f.Length}");
            }

            var id = Value(f[0]) ?? throw new ListFormatException($"add.csv line {line}", "Ent_num is empty");
            if (CountryNames.ToCode(Value(f[4])) is { } code)
            {
                if (!countries.TryGetValue(id, out var list))
                {
                    countries[id] = list = [];
                }

                list.Add(code);
            }
        }

        return countries;
    }

    private static string? Value(string field)
    {
        var trimmed = field.Trim();
        return trimmed.Length == 0 || trimmed == Null ? null : trimmed;
    }

    private static string Clip(string value) => value.Length <= 40 ? value : value[..40] + "...";

    // Program field: "SDGT] [IRGC" or "IRAN-EO13846": brackets and spaces separate programs.
    private static List<string> Programs(string? field) =>
        field is null ? [] : [.. field.Split(['[', ']', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct()];

    private static List<ListBirthDate> BirthDates(string remarks)
    {
        var dates = new List<ListBirthDate>();
        foreach (Match m in BirthDateRemark().Matches(remarks))
        {
            var text = m.Groups["date"].Value.Trim();
            if (DateTime.TryParseExact(text, "dd MMM yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var full))
            {
                dates.Add(new ListBirthDate(full.Year, full.Year, full.Month, full.Day));
            }
            else if (DateTime.TryParseExact(text, "MMM yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var monthYear))
            {
                dates.Add(new ListBirthDate(monthYear.Year, monthYear.Year, monthYear.Month));
            }
            else if (YearRange().Match(text) is { Success: true } range)
            {
                var from = int.Parse(range.Groups["from"].Value, CultureInfo.InvariantCulture);
                var to = range.Groups["to"].Success ? int.Parse(range.Groups["to"].Value, CultureInfo.InvariantCulture) : from;
                // "circa 1960": a year either side.
                var circa = text.StartsWith("circa", StringComparison.OrdinalIgnoreCase);
                dates.Add(new ListBirthDate(circa ? from - 1 : from, circa ? to + 1 : to));
            }
        }

        return dates;
    }

    private static IEnumerable<string> RemarkCountries(string remarks) =>
        CountryRemark().Matches(remarks).Select(m => CountryNames.ToCode(m.Groups["country"].Value)).OfType<string>();

    private static List<ListIdentifier> Identifiers(string remarks) =>
    [
        .. IdentifierRemark().Matches(remarks).Select(m => new ListIdentifier(
            m.Groups["type"].Value.Trim(), m.Groups["number"].Value.Trim(),
            m.Groups["country"].Success ? CountryNames.ToCode(m.Groups["country"].Value) : null)),
    ];

    [GeneratedRegex(@"DOB (?<date>(circa )?[0-9A-Za-z ]+?( to \d{4})?)(;|\.$|$)", RegexOptions.IgnoreCase)]
    private static partial Regex BirthDateRemark();

    [GeneratedRegex(@"(?<from>\d{4})( to (?<to>\d{4}))?")]
    private static partial Regex YearRange();

    [GeneratedRegex(@"(nationality|citizen) (?<country>[A-Za-z ,'()]+?)(;|\.$|$)", RegexOptions.IgnoreCase)]
    private static partial Regex CountryRemark();

    [GeneratedRegex(@"(?<type>Passport|National ID No\.|Cedula No\.|Tax ID No\.|Registration ID|SSN|Identification Number|IMO) (?<number>[A-Z0-9][A-Z0-9-/]{2,})( \((?<country>[A-Za-z ,']+)\))?", RegexOptions.IgnoreCase)]
    private static partial Regex IdentifierRemark();
}
