namespace Compliance.Api.Screening.Matching;

/// <summary>
/// Finds, for a screened token, the list tokens it could be, without comparing it with the whole
/// vocabulary: the same token; the same transliteration key or one edit away from it (a
/// delete-neighbourhood index, as SymSpell does: two keys within one edit share a key with one
/// letter deleted); the same consonant skeleton (vowel variants, abjads); and tokens one is the
/// start of ("Gazprom" / "Gazprombank", "Kimjongun" / "Kim"), for names written together.
/// </summary>
internal sealed class TokenNeighbours
{
    private const int MaxPrefixMatches = 32;
    private const int MinPrefix = 3;

    private readonly Dictionary<string, int> _vocabulary;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _vocabularyBySpan;
    private readonly Dictionary<int, int[]> _keyDeletes;
    private readonly Dictionary<string, int[]> _skeletons;
    private readonly string[] _sorted;
    private readonly int[] _sortedIds;

    public TokenNeighbours(Dictionary<string, int> vocabulary, string[] keys, string[] skeletons)
    {
        _vocabulary = vocabulary;
        _vocabularyBySpan = vocabulary.GetAlternateLookup<ReadOnlySpan<char>>();
        var deletes = new Dictionary<int, List<int>>();
        Span<char> buffer = stackalloc char[NameKeys.MaxIndexedLength];
        for (var v = 0; v < keys.Length; v++)
        {
            foreach (var hash in DeleteHashes(keys[v], buffer).Distinct())
            {
                if (!deletes.TryGetValue(hash, out var ids))
                {
                    deletes[hash] = ids = [];
                }

                ids.Add(v);
            }
        }

        _keyDeletes = deletes.ToDictionary(d => d.Key, d => d.Value.ToArray());
        _skeletons = skeletons.Select((s, v) => (s, v)).Where(x => x.s.Length >= 2).GroupBy(x => x.s, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.v).ToArray(), StringComparer.Ordinal);
        var sorted = vocabulary.OrderBy(t => t.Key, StringComparer.Ordinal).ToArray();
        _sorted = [.. sorted.Select(t => t.Key)];
        _sortedIds = [.. sorted.Select(t => t.Value)];
    }

    /// <summary>Adds to <paramref name="found"/> the vocabulary ids of tokens the screened token could be.</summary>
    public void Find(string token, string key, string skeleton, bool abjad, HashSet<int> found)
    {
        if (_vocabulary.TryGetValue(token, out var same))
        {
            found.Add(same);
        }

        Span<char> buffer = stackalloc char[NameKeys.MaxIndexedLength];
        foreach (var hash in DeleteHashes(key, buffer))
        {
            if (_keyDeletes.TryGetValue(hash, out var ids))
            {
                found.UnionWith(ids);
            }
        }

        if (skeleton.Length >= (abjad ? 2 : 3) && _skeletons.TryGetValue(skeleton, out var bySkeleton))
        {
            found.UnionWith(bySkeleton);
        }

        if (token.Length >= 4)
        {
            // List tokens this one starts: "gazprom" finds "gazprombank".
            var at = LowerBound(token);
            for (var i = at; i < _sorted.Length && i - at < MaxPrefixMatches && _sorted[i].StartsWith(token, StringComparison.Ordinal); i++)
            {
                found.Add(_sortedIds[i]);
            }
        }

        // List tokens that start this one: "kimjongun" finds "kim".
        for (var length = MinPrefix; length < token.Length; length++)
        {
            if (_vocabularyBySpan.TryGetValue(token.AsSpan(0, length), out var prefix))
            {
                found.Add(prefix);
            }
        }
    }

    private int LowerBound(string token)
    {
        int lo = 0, hi = _sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (string.CompareOrdinal(_sorted[mid], token) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    // The key itself and the key with each one letter deleted, hashed (a collision only adds a candidate, which is then scored).
    private static List<int> DeleteHashes(string key, Span<char> buffer)
    {
        var source = key.AsSpan(0, Math.Min(key.Length, NameKeys.MaxIndexedLength));
        var hashes = new List<int>(source.Length + 1) { string.GetHashCode(source) };
        if (source.Length < 3)
        {
            return hashes;
        }

        for (var skip = 0; skip < source.Length; skip++)
        {
            source[..skip].CopyTo(buffer);
            source[(skip + 1)..].CopyTo(buffer[skip..]);
            hashes.Add(string.GetHashCode(buffer[..(source.Length - 1)]));
        }

        return hashes;
    }
}
