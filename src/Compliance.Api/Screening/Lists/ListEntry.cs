using System.Text.Json.Serialization;

namespace Compliance.Api.Screening.Lists;

/// <summary>What a list entry designates.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PartyKind>))]
internal enum PartyKind
{
    Unknown,
    Person,
    Organisation,
    Vessel,
    Aircraft,
}

/// <summary>How much a name on the list says: the primary name, an alias, or a weak ("low quality") alias.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NameStrength>))]
internal enum NameStrength
{
    Primary,
    Strong,
    Weak,
}

internal sealed record ListName(string Name, NameStrength Strength);

/// <summary>A birth date as lists give it: a year or a range of years, sometimes month and day.</summary>
internal sealed record ListBirthDate(int FromYear, int ToYear, int? Month = null, int? Day = null)
{
    public bool IsExact => FromYear == ToYear && Month is not null && Day is not null;

    public override string ToString() => FromYear != ToYear ? $"{FromYear}-{ToYear}"
        : Day is { } d && Month is { } m ? $"{FromYear:D4}-{m:D2}-{d:D2}"
        : Month is { } month ? $"{FromYear:D4}-{month:D2}" : $"{FromYear:D4}";
}

internal sealed record ListIdentifier(string Type, string Number, string? Country);

/// <summary>
/// One designated party as parsed from an official list, in the shape every format maps onto.
/// Countries are ISO 3166-1 alpha-2 where the list gives or implies one (nationality, citizenship,
/// address); names are kept as written (the matcher normalizes them).
/// </summary>
internal sealed record ListEntry(
    string EntryId,
    PartyKind Kind,
    IReadOnlyList<ListName> Names,
    IReadOnlyList<ListBirthDate> BirthDates,
    IReadOnlyList<string> Countries,
    IReadOnlyList<ListIdentifier> Identifiers,
    IReadOnlyList<string> Programs)
{
    public string PrimaryName => Names.FirstOrDefault(n => n.Strength == NameStrength.Primary)?.Name ?? Names[0].Name;
}
