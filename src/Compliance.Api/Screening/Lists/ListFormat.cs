namespace Compliance.Api.Screening.Lists;

/// <summary>The official list formats an import understands, by the code the API and CLI take.</summary>
internal static class ListFormat
{
    public const string OfacSdnCsv = "ofac-sdn-csv";
    public const string UkSanctionsCsv = "uk-sanctions-csv";
    public const string EuConsolidatedXml = "eu-consolidated-xml";
    public const string UnConsolidatedXml = "un-consolidated-xml";

    public static readonly IReadOnlyList<string> All = [OfacSdnCsv, UkSanctionsCsv, EuConsolidatedXml, UnConsolidatedXml];

    /// <summary>The list a format's file is imported as unless another name is given.</summary>
    public static string DefaultList(string format) => format switch
    {
        OfacSdnCsv => "ofac-sdn",
        UkSanctionsCsv => "uk-sanctions",
        EuConsolidatedXml => "eu-consolidated",
        UnConsolidatedXml => "un-consolidated",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    /// <summary>Parses a whole file; any problem throws <see cref="ListFormatException"/> naming where.</summary>
    public static IReadOnlyList<ListEntry> Parse(string format, ReadOnlyMemory<byte> content)
    {
        var entries = format switch
        {
            OfacSdnCsv => OfacSdnCsvParser.Parse(content),
            UkSanctionsCsv => UkSanctionsCsvParser.Parse(content),
            EuConsolidatedXml => EuConsolidatedXmlParser.Parse(content),
            UnConsolidatedXml => UnConsolidatedXmlParser.Parse(content),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
        };
        if (entries.Count == 0)
        {
            throw new ListFormatException("file", "no entries: an empty list would clear every screening, so it is refused");
        }

        return [.. entries.Select(Canonical)];
    }

    // Stable order and no repeats, so that an unchanged entry hashes the same in every import.
    private static ListEntry Canonical(ListEntry e) => e with
    {
        Names = [.. e.Names.DistinctBy(n => n.Name)],
        BirthDates = [.. e.BirthDates.Distinct().OrderBy(d => d.FromYear).ThenBy(d => d.ToYear).ThenBy(d => d.Month).ThenBy(d => d.Day)],
        Countries = [.. e.Countries.Distinct().Order(StringComparer.Ordinal)],
        Identifiers = [.. e.Identifiers.Distinct().OrderBy(i => i.Number, StringComparer.Ordinal).ThenBy(i => i.Type, StringComparer.Ordinal)],
        Programs = [.. e.Programs.Distinct().Order(StringComparer.Ordinal)],
    };
}
