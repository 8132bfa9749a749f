using Compliance.Api.Screening.Lists;
using Compliance.Api.Screening.Matching;
using Compliance.Api.Tests.Screening;

namespace Compliance.Benchmarks.Screening;

/// <summary>
/// 50,000 synthetic list entries (70% people, aliases on 40%) and 1,000 names to screen: a quarter
/// exactly as listed, a quarter with a typo and the tokens swapped, a quarter sharing one token
/// with the list, a quarter made up from the same syllables (near misses).
/// </summary>
internal static class ScreeningWorkload
{
    public const int Entries = 50_000;

    public static ScreeningIndex Index() => ScreeningIndex.Build([new ListSnapshot("synthetic", 1, [.. SyntheticEntries.Generate(Entries, seed: 7)])]);

    public static ScreeningSubject[] Queries(ScreeningIndex index, int count = 1000)
    {
        var entries = index.Lists[0].Entries;
        var random = new Random(3);
        var noise = SyntheticEntries.Generate(count, seed: 99).ToArray();
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var entry = entries[random.Next(entries.Count)];
            var name = entry.Names[0].Name;
            var tokens = name.Split(' ');
            return (i % 4) switch
            {
                0 => new ScreeningSubject(name, entry.Kind),
                1 => new ScreeningSubject(string.Join(' ', tokens.Reverse().Select((t, k) => k == 0 && t.Length > 3 ? t.Remove(2, 1) : t))),
                2 => new ScreeningSubject($"{tokens[0]} {noise[i].Names[0].Name.Split(' ')[0]}"),
                _ => new ScreeningSubject(noise[i].Names[0].Name),
            };
        })];
    }
}
