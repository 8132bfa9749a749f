using Compliance.Api.Screening.Lists;

namespace Compliance.Api.Tests.Screening;

/// <summary>Each official format read into entries, and malformed files refused whole with their line or element named.</summary>
public sealed class ListParserTests
{
    [Fact]
    public void OfacSdn_ReadsPartiesAliasesAddressesAndRemarks()
    {
        var entries = ListFormat.Parse(ListFormat.OfacSdnCsv, ListFixtures.OfacZip()).ToDictionary(e => e.EntryId);

        entries.Should().HaveCount(7);
        var maduro = entries["7140"];
        maduro.Kind.Should().Be(PartyKind.Person);
        maduro.Names.Should().Equal(new ListName("Nicolas MADURO MOROS", NameStrength.Primary), new ListName("Nicolas MADURO", NameStrength.Strong));
        maduro.BirthDates.Should().Equal(new ListBirthDate(1962, 1962, 11, 23));
        maduro.Countries.Should().Equal("VE");
        maduro.Identifiers.Should().ContainSingle(i => i.Number == "5892464" && i.Country == "VE");
        maduro.Programs.Should().Equal("VENEZUELA", "VENEZUELA-EO13692");

        entries["306"].Kind.Should().Be(PartyKind.Organisation);
        entries["306"].Countries.Should().Equal("CU");
        entries["27000"].Kind.Should().Be(PartyKind.Vessel);
        entries["27000"].Countries.Should().Equal("IR");
        entries["27000"].Identifiers.Should().ContainSingle(i => i.Number == "9116412");
        entries["20280"].Countries.Should().Equal("KP");
        entries["30001"].BirthDates.Should().Equal(new ListBirthDate(1974, 1976));
        entries["30001"].Names.Should().Contain(new ListName("Abu Omar", NameStrength.Weak));
        entries["30001"].Identifiers.Should().ContainSingle(i => i.Number == "N008765432" && i.Type == "Passport" && i.Country == "SY");
    }

    [Fact]
    public void OfacSdn_AloneWithoutAliases_IsRead()
    {
        ListFormat.Parse(ListFormat.OfacSdnCsv, ListFixtures.Read("ofac/sdn.csv")).Should().HaveCount(7);
    }

    [Theory]
    [InlineData("15036,\"PUTIN, Vladimir\",\"individual\"\n", "sdn.csv line 8", "expected 12 fields, found 3")]
    [InlineData("x1,\"NAME\",-0-,-0-,-0-,-0-,-0-,-0-,-0-,-0-,-0-,-0-\n", "sdn.csv line 8", "ent_num 'x1' is not a number")]
    [InlineData("99,\"NAME\",\"robot\",-0-,-0-,-0-,-0-,-0-,-0-,-0-,-0-,-0-\n", "sdn.csv line 8", "SDN_Type 'robot'")]
    [InlineData("36,\"AGAIN\",-0-,-0-,-0-,-0-,-0-,-0-,-0-,-0-,-0-,-0-\n", "sdn.csv line 8", "ent_num 36 appears twice")]
    [InlineData("99,\"UNCLOSED,-0-,-0-\n", "sdn.csv line 8", "quoted field is not closed")]
    public void OfacSdn_AMalformedRow_RefusesTheWholeFileNamingTheLine(string badRow, string location, string problem)
    {
        var act = () => ListFormat.Parse(ListFormat.OfacSdnCsv, ListFixtures.OfacZip(sdn: ListFixtures.Text("ofac/sdn.csv") + badRow));

        var refused = act.Should().Throw<ListFormatException>().Which;
        refused.Location.Should().Be(location);
        refused.Problem.Should().Contain(problem);
    }

    [Fact]
    public void OfacSdn_AZipWithoutSdnCsv_IsRefused()
    {
        using var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            zip.CreateEntry("readme.txt");
        }

        var act = () => ListFormat.Parse(ListFormat.OfacSdnCsv, buffer.ToArray());

        act.Should().Throw<ListFormatException>().WithMessage("*sdn.csv is missing*");
    }

    [Fact]
    public void UkSanctions_GroupsRowsIntoPartiesWithAliasQuality()
    {
        var entries = ListFormat.Parse(ListFormat.UkSanctionsCsv, ListFixtures.Read("uk-conlist.csv")).ToDictionary(e => e.EntryId);

        entries.Should().HaveCount(3);
        var kadyrov = entries["14001"];
        kadyrov.Kind.Should().Be(PartyKind.Person);
        kadyrov.Names.Should().Equal(
            new ListName("Ramzan Akhmatovich KADYROV", NameStrength.Primary),
            new ListName("Рамзан Ахматович Кадыров", NameStrength.Strong),
            new ListName("Ramzan KADIROV", NameStrength.Strong));
        kadyrov.BirthDates.Should().Equal(new ListBirthDate(1976, 1976, 10, 5));
        kadyrov.Countries.Should().Equal("RU");
        kadyrov.Programs.Should().Equal("Russia");
        entries["14002"].Kind.Should().Be(PartyKind.Organisation);
        entries["14002"].Names.Should().Contain(new ListName("ROSNEFT", NameStrength.Weak));
        entries["14003"].BirthDates.Should().Equal(new ListBirthDate(1968, 1968));
        entries["14003"].Countries.Should().Equal("IQ", "SY");
        entries["14003"].Identifiers.Should().ContainSingle(i => i.Number == "A1234567");
    }

    [Theory]
    [InlineData(",,,,,,,,,,05/10/1976", "every name column is empty")]
    [InlineData("KADYROV,Ramzan,,,,,,,,,31/31/1976", "DOB '31/31/1976' is not a date")]
    [InlineData("KADYROV,Ramzan,,,,,,,,,1976-10-05", "DOB '1976-10-05' is not dd/mm/yyyy")]
    public void UkSanctions_AMalformedRow_IsRefusedWithItsLine(string rowStart, string problem)
    {
        var lines = ListFixtures.Text("uk-conlist.csv").Split('\n').ToList();
        var good = lines.Single(l => l.Contains(",Tsentoroy", StringComparison.Ordinal));
        lines.Add(rowStart + good[good.IndexOf(",Tsentoroy", StringComparison.Ordinal)..]);

        var act = () => ListFormat.Parse(ListFormat.UkSanctionsCsv, ListFixtures.Utf8(string.Join('\n', lines)));

        var refused = act.Should().Throw<ListFormatException>().Which;
        refused.Location.Should().Be($"UK sanctions list line {lines.Count}");
        refused.Problem.Should().Contain(problem);
    }

    [Fact]
    public void UkSanctions_WithoutItsKeyColumn_IsRefused()
    {
        var text = ListFixtures.Text("uk-conlist.csv").Replace(",Group ID", ",Group", StringComparison.Ordinal);

        var act = () => ListFormat.Parse(ListFormat.UkSanctionsCsv, ListFixtures.Utf8(text));

        act.Should().Throw<ListFormatException>().Which.Problem.Should().Be("column 'Group ID' is missing");
    }

    [Fact]
    public void EuConsolidated_ReadsNamesStrengthCountriesAndDocuments()
    {
        var entries = ListFormat.Parse(ListFormat.EuConsolidatedXml, ListFixtures.Read("eu-consolidated.xml")).ToDictionary(e => e.EntryId);

        var aksyonov = entries["1001"];
        aksyonov.Kind.Should().Be(PartyKind.Person);
        aksyonov.Names.Select(n => (n.Name, n.Strength)).Should().Equal(
            ("Sergey Valeryevich Aksyonov", NameStrength.Primary), ("Сергей Валерьевич Аксёнов", NameStrength.Strong), ("Goblin", NameStrength.Weak));
        aksyonov.BirthDates.Should().Equal(new ListBirthDate(1972, 1972, 11, 26));
        aksyonov.Countries.Should().Equal("UA");
        aksyonov.Programs.Should().Equal("UKR");
        entries["1002"].Kind.Should().Be(PartyKind.Organisation);
        entries["1002"].Identifiers.Should().ContainSingle(i => i.Number == "1144400000425" && i.Country == "RU");
    }

    [Fact]
    public void EuConsolidated_BrokenXml_IsRefusedWithTheLine()
    {
        var text = ListFixtures.Text("eu-consolidated.xml").Replace("<regulation programme=\"RUS\"/>", "<regulation programme=\"RUS\">", StringComparison.Ordinal);

        var act = () => ListFormat.Parse(ListFormat.EuConsolidatedXml, ListFixtures.Utf8(text));

        var refused = act.Should().Throw<ListFormatException>().Which;
        refused.Location.Should().Be("EU consolidated list line 19", "the element left open is found unclosed at its parent's end tag");
        refused.Problem.Should().StartWith("not well-formed XML");
    }

    [Fact]
    public void EuConsolidated_AnEntityWithoutAName_IsRefusedNamingTheElement()
    {
        var text = ListFixtures.Text("eu-consolidated.xml").Replace("<nameAlias wholeName=\"Sovcombank PJSC\" strong=\"true\" logicalId=\"2004\"/>", "", StringComparison.Ordinal)
            .Replace("<nameAlias wholeName=\"ПАО Совкомбанк\" strong=\"true\" logicalId=\"2005\"/>", "", StringComparison.Ordinal);

        var act = () => ListFormat.Parse(ListFormat.EuConsolidatedXml, ListFixtures.Utf8(text));

        var refused = act.Should().Throw<ListFormatException>().Which;
        refused.Location.Should().Be("EU consolidated list <sanctionEntity> at line 12");
        refused.Problem.Should().Be("no nameAlias with a name");
    }

    [Fact]
    public void UnConsolidated_ReadsIndividualsAndEntities()
    {
        var entries = ListFormat.Parse(ListFormat.UnConsolidatedXml, ListFixtures.Read("un-consolidated.xml")).ToDictionary(e => e.EntryId);

        entries.Keys.Should().BeEquivalentTo("QDi.006", "TAi.004", "QDe.005");
        var zawahiri = entries["QDi.006"];
        zawahiri.Names[0].Should().Be(new ListName("AYMAN MUHAMMED RABI AL-ZAWAHIRI", NameStrength.Primary));
        zawahiri.Names.Should().Contain(new ListName("Abu Mohammed", NameStrength.Weak));
        zawahiri.Names.Should().Contain(new ListName("Ahmad Fuad Salim", NameStrength.Strong));
        zawahiri.BirthDates.Should().Equal(new ListBirthDate(1951, 1951, 6, 19));
        zawahiri.Countries.Should().Equal("EG");
        zawahiri.Identifiers.Should().ContainSingle(i => i.Number == "1084010" && i.Country == "EG");
        entries["TAi.004"].BirthDates.Should().Equal(new ListBirthDate(1953, 1966));
        entries["QDe.005"].Kind.Should().Be(PartyKind.Organisation);
        entries["QDe.005"].Countries.Should().Equal("PK");
    }

    [Fact]
    public void UnConsolidated_WrongRootOrMissingReference_IsRefused()
    {
        var wrongRoot = () => ListFormat.Parse(ListFormat.UnConsolidatedXml, ListFixtures.Read("eu-consolidated.xml"));
        wrongRoot.Should().Throw<ListFormatException>().Which.Problem.Should().Be("root element is <export>, expected <CONSOLIDATED_LIST>");

        var text = ListFixtures.Text("un-consolidated.xml").Replace("<DATAID>6908600</DATAID>", "", StringComparison.Ordinal)
            .Replace("<REFERENCE_NUMBER>TAi.004</REFERENCE_NUMBER>", "", StringComparison.Ordinal);
        var missing = () => ListFormat.Parse(ListFormat.UnConsolidatedXml, ListFixtures.Utf8(text));
        var refused = missing.Should().Throw<ListFormatException>().Which;
        refused.Location.Should().Be("UN consolidated list <INDIVIDUAL> at line 23");
        refused.Problem.Should().Be("REFERENCE_NUMBER is missing");
    }

    [Fact]
    public void XmlWithADoctype_IsRefusedNotExpanded()
    {
        var text = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaa\">]><CONSOLIDATED_LIST><INDIVIDUALS/></CONSOLIDATED_LIST>";

        var act = () => ListFormat.Parse(ListFormat.UnConsolidatedXml, ListFixtures.Utf8(text));

        act.Should().Throw<ListFormatException>().Which.Problem.Should().StartWith("not well-formed XML");
    }

    [Fact]
    public void AFileWithNoEntries_IsRefused()
    {
        var act = () => ListFormat.Parse(ListFormat.UnConsolidatedXml, ListFixtures.Utf8("<CONSOLIDATED_LIST><INDIVIDUALS/><ENTITIES/></CONSOLIDATED_LIST>"));

        act.Should().Throw<ListFormatException>().Which.Problem.Should().StartWith("no entries");
    }
}
