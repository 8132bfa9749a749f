using Compliance.Api.Screening.Lists;

namespace Compliance.Api.Screening.Matching;

/// <summary>A list as one import left it: its name, version and entries.</summary>
internal sealed record ListSnapshot(string List, long Version, IReadOnlyList<ListEntry> Entries);

/// <summary>
/// All active list versions, indexed for screening one name in well under a millisecond. Immutable:
/// an import builds a new index and swaps it in whole (ScreeningIndexHolder), so a screening never
/// sees half a list. Candidates come from the tokens' neighbours (TokenNeighbours: one edit, same
/// key or skeleton, written together) and from identifiers; only candidates whose best token
/// matches could reach the threshold are scored in full.
/// </summary>
internal sealed class ScreeningIndex
{
    // How far below the threshold a candidate's optimistic token bound may be and still be scored:
    // the features (birth date, country, identifiers) and the joined-name reading can lift it.
    private const double CandidateSlack = 0.1;

    private readonly (ListSnapshot List, ListEntry Entry)[] _entries;
    private readonly IndexedName[] _names;
    private readonly int[][] _entryNames;
    private readonly Dictionary<string, int> _vocabulary;
    private readonly string[] _vocabularyTokens;
    private readonly string[] _vocabularyKeys;
    private readonly string[] _vocabularySkeletons;
    private readonly int[][] _postings;
    private readonly TokenNeighbours _neighbours;
    private readonly Dictionary<string, int[]> _identifiers;

    // Working memory for candidate search, one per concurrent screening, kept with the index it fits.
    private readonly System.Collections.Concurrent.ConcurrentQueue<CandidateScratch> _scratch = new();

    private ScreeningIndex(IReadOnlyList<ListSnapshot> lists)
    {
        Lists = lists;
        ListVersions = [.. lists.Select(l => $"{l.List}:{l.Version}")];
        _entries = [.. lists.SelectMany(l => l.Entries.Select(e => (l, e)))];
        var names = new List<IndexedName>();
        _vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        var postings = new List<List<int>>();
        var identifiers = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var e = 0; e < _entries.Length; e++)
        {
            var entry = _entries[e].Entry;
            foreach (var name in entry.Names)
            {
                var form = NameForm.Of(name.Name, entry.Kind == PartyKind.Person);
                if (form.Tokens.Length == 0)
                {
                    continue;
                }

                var nameIndex = names.Count;
                var tokenIds = new int[form.Tokens.Length];
                for (var t = 0; t < form.Tokens.Length; t++)
                {
                    if (!_vocabulary.TryGetValue(form.Tokens[t], out var v))
                    {
                        v = _vocabulary[form.Tokens[t]] = postings.Count;
                        postings.Add([]);
                    }

                    tokenIds[t] = v;
                    // A name lists each of its tokens once, however often it holds it.
                    if (postings[v].Count == 0 || postings[v][^1] != nameIndex)
                    {
                        postings[v].Add(nameIndex);
                    }
                }

                names.Add(new IndexedName(e, name, form, tokenIds));
            }

            foreach (var id in entry.Identifiers.Select(i => NormalizeIdentifier(i.Number)).Where(i => i.Length >= 4).Distinct())
            {
                if (!identifiers.TryGetValue(id, out var list))
                {
                    identifiers[id] = list = [];
                }

                list.Add(e);
            }
        }

        _names = [.. names];
        var byEntry = names.Select((name, n) => (name.EntryIndex, n)).ToLookup(x => x.EntryIndex, x => x.n);
        _entryNames = [.. Enumerable.Range(0, _entries.Length).Select(e => byEntry[e].ToArray())];
        _postings = [.. postings.Select(p => p.ToArray())];
        _vocabularyTokens = new string[_postings.Length];
        foreach (var (token, v) in _vocabulary)
        {
            _vocabularyTokens[v] = token;
        }

        _vocabularyKeys = [.. _vocabularyTokens.Select(NameKeys.Key)];
        _vocabularySkeletons = [.. _vocabularyTokens.Select(NameKeys.Skeleton)];
        _neighbours = new TokenNeighbours(_vocabulary, _vocabularyKeys, _vocabularySkeletons);
        _identifiers = identifiers.ToDictionary(i => i.Key, i => i.Value.ToArray(), StringComparer.Ordinal);
    }

    public static ScreeningIndex Empty { get; } = new([]);

    public IReadOnlyList<ListSnapshot> Lists { get; }

    /// <summary>The list versions indexed, e.g. <c>ofac-sdn:3</c>: computed once, read by every screening.</summary>
    public IReadOnlyList<string> ListVersions { get; }

    public int EntryCount => _entries.Length;

    public int NameCount => _names.Length;

    public static ScreeningIndex Build(IEnumerable<ListSnapshot> lists) => new([.. lists]);

    public IReadOnlyList<ScreeningHit> Screen(ScreeningSubject subject, double threshold, int maxHits = 10)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var form = NameForm.Of(subject.Name, subject.Kind == PartyKind.Person);
        var identifierEntries = IdentifierMatches(subject.Identifiers);
        var best = new Dictionary<int, (IndexedName Name, double NameScore)>();
        var scratch = RentScratch();
        try
        {
            var candidates = CandidateNames(form, threshold, scratch);
            scratch.BeginPairs();
            foreach (var n in candidates.Concat(NamesOf(identifierEntries)))
            {
                var name = _names[n];
                var score = NameScore(form, name, scratch) - (name.Name.Strength == NameStrength.Weak ? WeakAliasPenalty : 0);
                if (!best.TryGetValue(name.EntryIndex, out var current) || score > current.NameScore)
                {
                    best[name.EntryIndex] = (name, score);
                }
            }
        }
        finally
        {
            _scratch.Enqueue(scratch);
        }

        var hits = new List<ScreeningHit>();
        foreach (var (e, (name, nameScore)) in best)
        {
            var (list, entry) = _entries[e];
            var identifierMatched = identifierEntries.Contains(e);
            // Scored first without the explanation: most candidates fall short, and only hits explain themselves.
            if (nameScore + FeatureScorer.Score(subject, entry, identifierMatched, nameScore, null) < threshold)
            {
                continue;
            }

            var weak = name.Name.Strength == NameStrength.Weak;
            var contributions = new List<ScoreContribution>
            {
                new("name", Math.Round(nameScore + (weak ? WeakAliasPenalty : 0), 4), $"'{name.Name.Name}' ({name.Name.Strength.ToString().ToLowerInvariant()} name)"),
            };
            if (weak)
            {
                contributions.Add(new("weak_alias", -WeakAliasPenalty, "the list marks this alias as weak"));
            }

            var score = nameScore + FeatureScorer.Score(subject, entry, identifierMatched, nameScore, contributions);
            if (score > 1)
            {
                // The contributions still add up to the score shown.
                contributions.Add(new("cap", Math.Round(1 - score, 4), "a score stops at 1"));
                score = 1;
            }

            hits.Add(new ScreeningHit(list.List, list.Version, entry.EntryId, entry.Kind, entry.PrimaryName, name.Name.Name,
                name.Name.Strength, Math.Round(score, 4), contributions, entry.Programs));
        }

        return [.. hits.OrderByDescending(h => h.Score).ThenBy(h => h.List, StringComparer.Ordinal).ThenBy(h => h.EntryId, StringComparer.Ordinal).Take(maxHits)];
    }

    private const double WeakAliasPenalty = 0.05;

    private IEnumerable<int> NamesOf(HashSet<int> entries)
    {
        return entries.SelectMany(e => _entryNames[e]);
    }

    private HashSet<int> IdentifierMatches(IReadOnlyList<string>? identifiers)
    {
        var entries = new HashSet<int>();
        foreach (var id in identifiers ?? [])
        {
            if (_identifiers.TryGetValue(NormalizeIdentifier(id), out var found))
            {
                entries.UnionWith(found);
            }
        }

        return entries;
    }

    // Names whose tokens could bring them within reach of the threshold: for every screened token,
    // the list tokens it could be (TokenNeighbours) that are similar enough, then the names holding
    // them; a name stays when its optimistic bound (each screened token at its best) is within the
    // slack of the threshold.
    /// <summary>
    /// The name's score, with each token pair's similarity taken from this screening's memo: candidate
    /// names share vocabulary tokens, and the pairs are most of the cost of scoring.
    /// </summary>
    private double NameScore(NameForm form, IndexedName name, CandidateScratch scratch)
    {
        var n = form.Tokens.Length;
        var m = name.TokenIds.Length;
        Span<double> sims = stackalloc double[n * m];
        for (var j = 0; j < m; j++)
        {
            var v = name.TokenIds[j];
            var at = scratch.PairsOf(v, n, out var known);
            var memo = scratch.PairSimilarities;
            if (!known)
            {
                for (var i = 0; i < n; i++)
                {
                    memo[at + i] = NameScorer.TokenSimilarity(form.Tokens[i], form.Keys[i], _vocabularyTokens[v], _vocabularyKeys[v]);
                }
            }

            for (var i = 0; i < n; i++)
            {
                sims[(i * m) + j] = memo[at + i];
            }
        }

        return NameScorer.Score(form, name.Form, sims);
    }

    private List<int> CandidateNames(NameForm form, double threshold, CandidateScratch scratch)
    {
        var n = form.Tokens.Length;
        var width = n + 1;
        // Per touched name, one slot per screened token (its best similarity) and a last one set when
        // only the loose bound applies; flat and reused across screenings (a syllable token touches
        // thousands of names), so a screening allocates next to nothing here.
        var generation = scratch.Begin();
        var stamps = scratch.Stamps;
        var slots = scratch.Slots;
        var touched = scratch.Touched;
        var neighbours = scratch.Neighbours;
        var used = 0;
        for (var i = 0; i < n; i++)
        {
            var token = form.Tokens[i];
            if (token.Length < 2)
            {
                continue;
            }

            neighbours.Clear();
            var skeleton = NameKeys.Skeleton(token);
            _neighbours.Find(token, form.Keys[i], skeleton, form.IsAbjad, neighbours);
            foreach (var v in neighbours)
            {
                var vocabularyToken = _vocabularyTokens[v];
                var similarity = NameScorer.OptimisticSimilarity(token, form.Keys[i], vocabularyToken, _vocabularyKeys[v]);
                var abjad = form.IsAbjad && skeleton == _vocabularySkeletons[v];
                if (abjad)
                {
                    // Transliterated from an abjad the vowels are gone: the skeleton reading decides, so the bound must not.
                    similarity = 1;
                }
                else if (similarity < NameScorer.TokenFloor)
                {
                    continue;
                }

                // Words written together are scored by the joined reading, which the token bound does not cover.
                var loose = abjad || vocabularyToken.StartsWith(token, StringComparison.Ordinal) || token.StartsWith(vocabularyToken, StringComparison.Ordinal);
                foreach (var name in _postings[v])
                {
                    if (stamps[name] != generation)
                    {
                        stamps[name] = generation;
                        slots[name] = used;
                        scratch.EnsureCredit(used + width);
                        Array.Clear(scratch.Credit, used, width);
                        used += width;
                        touched.Add(name);
                    }

                    var credit = scratch.Credit;
                    var at = slots[name];
                    if (similarity > credit[at + i])
                    {
                        credit[at + i] = similarity;
                    }

                    if (loose)
                    {
                        credit[at + n] = 1;
                    }
                }
            }
        }

        var candidates = new List<int>();
        var all = scratch.Credit.AsSpan();
        foreach (var name in touched)
        {
            var at = slots[name];
            var perToken = all.Slice(at, n);
            // Names written together show up as one token starting another; only then (or for an
            // abjad) can the joined or skeleton reading beat the token reading's bound.
            var bound = all[at + n] > 0
                ? NameScorer.UpperBound(form.Weights, perToken)
                : NameScorer.UpperBound(form.Weights, perToken, _names[name].Form);
            if (bound >= threshold - CandidateSlack)
            {
                candidates.Add(name);
            }
        }

        return candidates;
    }

    private CandidateScratch RentScratch() => _scratch.TryDequeue(out var scratch) ? scratch : new CandidateScratch(_names.Length);

    internal static string NormalizeIdentifier(string id) =>
        string.Concat(id.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant));

    /// <param name="TokenIds">The vocabulary id of each of the form's tokens, in order.</param>
    private sealed record IndexedName(int EntryIndex, ListName Name, NameForm Form, int[] TokenIds);
}
