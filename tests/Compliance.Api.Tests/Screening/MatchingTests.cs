using Compliance.Api.Screening.Lists;
using Compliance.Api.Screening.Matching;

namespace Compliance.Api.Tests.Screening;

/// <summary>The matcher's parts: normalization, token similarity, and how features move a hit's score.</summary>
public sealed class MatchingTests
{
    private static readonly ListEntry Maduro = new("7140", PartyKind.Person,
        [new("Nicolas MADURO MOROS", NameStrength.Primary), new("El Presidente Obrero", NameStrength.Weak)],
        [new ListBirthDate(1962, 1962, 11, 23)], ["VE"], [new ListIdentifier("Cedula No.", "5892464", "VE")], ["VENEZUELA"]);

    private static readonly ListEntry Rosneft = new("14002", PartyKind.Organisation, [new("ROSNEFT OIL COMPANY", NameStrength.Primary)], [], ["RU"], [], ["Russia"]);

    private static readonly ScreeningIndex Index = ScreeningIndex.Build([new ListSnapshot("test", 3, [Maduro, Rosneft])]);

    [Theory]
    [InlineData("Nicolás MADURO-Moros", "nicolas maduro moros")]
    [InlineData("Mr. John O'Brien", "john obrien")]
    [InlineData("Владимир Путин", "vladimir putin")]
    [InlineData("Rosneft Oil Company PJSC", "rosneft oil")]
    [InlineData("The Bank of Cuba", "bank cuba")]
    [InlineData("Dr", "dr")]
    public void Normalizer_TransliteratesAndDropsWhatDoesNotIdentify(string name, string tokens)
    {
        string.Join(' ', NameNormalizer.Tokens(name)).Should().Be(tokens);
    }

    [Fact]
    public void Normalizer_KeepsLegalFormWordsInAPersonsName()
    {
        NameNormalizer.Tokens("Maria Sa", isPerson: true).Should().Equal("maria", "sa");
    }

    [Theory]
    [InlineData("martha", "marhta", 0.961)]
    [InlineData("dwayne", "duane", 0.84)]
    [InlineData("dixon", "dicksonx", 0.813)]
    public void JaroWinkler_MatchesTheTextbookValues(string a, string b, double expected)
    {
        JaroWinkler.Similarity(a, b).Should().BeApproximately(expected, 0.001);
    }

    [Theory]
    [InlineData("janukowitsch", "yanukovych")]
    [InlineData("timtchenko", "timchenko")]
    [InlineData("prigojin", "prigozhin")]
    [InlineData("ousmanov", "usmanov")]
    [InlineData("nasralla", "nasrallah")]
    public void TransliterationVariants_ShareAKey(string a, string b)
    {
        NameKeys.Key(a).Should().Be(NameKeys.Key(b));
    }

    [Fact]
    public void AVowelForAVowel_IsHalfAnEdit()
    {
        EditDistance.Osa("soleimani", "sulaimani").Should().Be(1.0);
        EditDistance.Osa("putin", "putilin").Should().Be(2.0);
        EditDistance.Osa("ab", "ba").Should().Be(1.0);
    }

    [Fact]
    public void AHit_ExplainsWhichNameMatchedAndWhatEachFeatureAdded_WithoutTheSubjectsData()
    {
        var hit = Index.Screen(new ScreeningSubject("Nicolas Maduro", PartyKind.Person, new DateOnly(1962, 11, 23), ["VE"]), 0.85).Single();

        hit.List.Should().Be("test");
        hit.ListVersion.Should().Be(3);
        hit.EntryId.Should().Be("7140");
        hit.MatchedName.Should().Be("Nicolas MADURO MOROS");
        hit.Contributions.Select(c => c.Feature).Should().Equal("name", "birth_date", "country", "cap");
        hit.Contributions.Sum(c => c.Value).Should().BeApproximately(hit.Score, 0.001);
        hit.Contributions.Should().NotContain(c => c.Detail.Contains("Nicolas Maduro", StringComparison.Ordinal));
    }

    [Fact]
    public void AConflictingBirthDate_LowersTheScore_AnIdentifierRaisesIt()
    {
        var nameOnly = Index.Screen(new ScreeningSubject("Nicolas Maduro"), 0.5).Single().Score;
        var otherDate = Index.Screen(new ScreeningSubject("Nicolas Maduro", BirthDate: new DateOnly(1990, 1, 1)), 0.5).Single();
        var document = Index.Screen(new ScreeningSubject("N. Maduro", Identifiers: ["5.892.464"]), 0.5).Single();

        otherDate.Score.Should().BeLessThan(nameOnly - 0.15);
        otherDate.Contributions.Should().Contain(c => c.Feature == "birth_date" && c.Value < 0);
        document.Score.Should().Be(0.99);
        document.Contributions.Should().Contain(c => c.Feature == "identifier");
    }

    [Fact]
    public void AWeakAlias_CountsForLess_AndAPersonIsNotACompany()
    {
        var weak = Index.Screen(new ScreeningSubject("El Presidente Obrero"), 0.5).Single();
        var asPerson = Index.Screen(new ScreeningSubject("Rosneft", PartyKind.Person), 0.5).SingleOrDefault();
        var asCompany = Index.Screen(new ScreeningSubject("Rosneft", PartyKind.Organisation), 0.5).Single();

        weak.MatchedNameStrength.Should().Be(NameStrength.Weak);
        weak.Contributions.Should().Contain(c => c.Feature == "weak_alias" && c.Value == -0.05);
        asCompany.Score.Should().BeGreaterThan(asPerson?.Score ?? 0);
    }

    [Fact]
    public void NamesWrittenTogetherOrInAnAbjad_StillMeetTheirEntry()
    {
        var index = ScreeningIndex.Build([new ListSnapshot("t", 1,
        [
            new ListEntry("K", PartyKind.Person, [new("Jong Un KIM", NameStrength.Primary)], [], [], [], []),
            new ListEntry("N", PartyKind.Person, [new("Hassan NASRALLAH", NameStrength.Primary)], [], [], [], []),
            new ListEntry("G", PartyKind.Organisation, [new("GAZPROMBANK", NameStrength.Primary)], [], [], [], []),
        ])]);

        index.Screen(new ScreeningSubject("Kim Jongun"), 0.85).Select(h => h.EntryId).Should().Equal("K");
        index.Screen(new ScreeningSubject("حسن نصر الله"), 0.85).Select(h => h.EntryId).Should().Equal("N");
        index.Screen(new ScreeningSubject("Gazprom Bank"), 0.85).Select(h => h.EntryId).Should().Equal("G");
    }

    [Fact]
    public void AnEmptyIndex_FindsNothing()
    {
        ScreeningIndex.Empty.Screen(new ScreeningSubject("Nicolas Maduro"), 0.5).Should().BeEmpty();
    }
}
