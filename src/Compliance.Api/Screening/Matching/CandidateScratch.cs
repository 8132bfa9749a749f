namespace Compliance.Api.Screening.Matching;

/// <summary>
/// The candidate search's working memory, sized to one index and reused: which names this screening
/// touched (a generation stamp per name, so nothing is cleared between screenings) and the flat
/// per-name, per-token credit. One screening at a time uses one; ScreeningIndex pools them.
/// </summary>
internal sealed class CandidateScratch(int names)
{
    private int _generation;

    public int[] Stamps { get; } = new int[names];

    public int[] Slots { get; } = new int[names];

    public List<int> Touched { get; } = [];

    public HashSet<int> Neighbours { get; } = [];

    public double[] Credit { get; private set; } = new double[4096];

    /// <summary>Per vocabulary token met while scoring, where its similarities to the screened tokens start in <see cref="PairSimilarities"/>.</summary>
    private readonly Dictionary<int, int> _pairsAt = [];

    private int _pairsUsed;

    public double[] PairSimilarities { get; private set; } = new double[1024];

    /// <summary>Starts a screening: a new generation (names stamped with an older one count as untouched).</summary>
    public int Begin()
    {
        Touched.Clear();
        if (_generation == int.MaxValue)
        {
            Array.Clear(Stamps);
            _generation = 0;
        }

        return ++_generation;
    }

    /// <summary>Starts the scoring of a screening's candidates: no token pair is known yet.</summary>
    public void BeginPairs()
    {
        _pairsAt.Clear();
        _pairsUsed = 0;
    }

    /// <summary>Where vocabulary token <paramref name="v"/>'s <paramref name="n"/> similarities are; <paramref name="known"/> false when the caller must fill them in.</summary>
    public int PairsOf(int v, int n, out bool known)
    {
        if (_pairsAt.TryGetValue(v, out var at))
        {
            known = true;
            return at;
        }

        at = _pairsUsed;
        _pairsUsed += n;
        if (_pairsUsed > PairSimilarities.Length)
        {
            var grown = new double[Math.Max(_pairsUsed, PairSimilarities.Length * 2)];
            PairSimilarities.AsSpan().CopyTo(grown);
            PairSimilarities = grown;
        }

        _pairsAt[v] = at;
        known = false;
        return at;
    }

    public void EnsureCredit(int length)
    {
        if (length > Credit.Length)
        {
            var grown = new double[Math.Max(length, Credit.Length * 2)];
            Credit.AsSpan().CopyTo(grown);
            Credit = grown;
        }
    }
}
