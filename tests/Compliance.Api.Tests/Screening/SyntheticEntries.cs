using Compliance.Api.Screening.Lists;

namespace Compliance.Api.Tests.Screening;

/// <summary>
/// Seeded, made-up list entries (syllable names that collide with no real one) for index size: the
/// evaluation's distractors and the 50,000-entry benchmark. Shared with bench/ by file link.
/// </summary>
internal static class SyntheticEntries
{
    private static readonly string[] Syllables =
    [
        "ka", "lo", "mi", "ra", "ten", "vo", "zu", "bel", "dra", "fen", "gor", "hal", "ix", "jun", "kel", "lum", "nar", "ost", "pra",
        "qui", "rov", "sal", "tur", "ul", "vak", "wen", "yar", "zen", "ber", "cam", "dor", "eli", "fa", "gun", "hes", "ima", "jor",
    ];

    public static IEnumerable<ListEntry> Generate(int count, int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var person = random.NextDouble() < 0.7;
            var tokens = Enumerable.Range(0, person ? random.Next(2, 4) : random.Next(1, 4)).Select(_ => Word(random)).ToList();
            var names = new List<ListName> { new(string.Join(' ', tokens) + (person ? "" : " LLC"), NameStrength.Primary) };
            if (random.NextDouble() < 0.4)
            {
                names.Add(new ListName(string.Join(' ', tokens.AsEnumerable().Reverse()), NameStrength.Strong));
            }

            var year = 1940 + random.Next(60);
            yield return new ListEntry($"S{i:D6}", person ? PartyKind.Person : PartyKind.Organisation, names,
                person ? [new ListBirthDate(year, year, random.Next(1, 13), random.Next(1, 29))] : [], [], [], ["SYNTHETIC"]);
        }
    }

    private static string Word(Random random)
    {
        var parts = random.Next(2, 4);
        var word = string.Concat(Enumerable.Range(0, parts).Select(_ => Syllables[random.Next(Syllables.Length)]));
        return char.ToUpperInvariant(word[0]) + word[1..];
    }
}
