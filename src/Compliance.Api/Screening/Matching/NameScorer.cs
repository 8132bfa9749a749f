namespace Compliance.Api.Screening.Matching;

/// <summary>
/// Token-set-aware name similarity in [0, 1]. Tokens are aligned pairwise (best pairs first, each
/// token used once), so word order does not matter; two tokens are compared as written and by
/// their transliteration keys (NameKeys), with Jaro-Winkler discounted by the difference in length.
/// Tokens left unpaired cost a share of their weight, more on the screened side than on the list
/// side, because lists carry second surnames and middle names a customer record leaves out.
/// Particles (al, bin, van...), patronymics and initials weigh little. Two more readings can win:
/// the names written together when the token counts differ ("Abdulrahman" / "Abdul Rahman"), and
/// the consonant skeletons when either name was written in an abjad (Arabic, Hebrew).
/// </summary>
internal static class NameScorer
{
    public const int MaxTokens = 8;

    /// <summary>Below this, two tokens are not considered the same word at all.</summary>
    public const double TokenFloor = 0.8;

    // Tuned on the evaluation set (bench/RESULTS.md); every constant is a share of the score.
    private const double SameKey = 0.97;
    private const double LengthPenalty = 0.4;
    private const double UnpairedScreenedPenalty = 0.35;
    private const double UnpairedListPenalty = 0.2;
    private const double JoinedDiscount = 0.03;
    private const double SkeletonDiscount = 0.05;
    private const double EditPenalty = 0.1;
    // The joined reading only matters when it is high; below this its edit distance is not worth counting.
    private const double JoinedFloor = 0.7;
    private const double ConflictPenalty = 0.5;

    private static readonly string[] PatronymicEndings = ["ovich", "evich", "ovych", "evych", "ovna", "evna", "ogly", "oglu", "kyzy"];

    public static double Weight(string token) =>
        NameNormalizer.Particles.Contains(token) ? 0.3
        : token.Length == 1 ? 0.5
        : PatronymicEndings.Any(e => token.Length > e.Length + 2 && token.EndsWith(e, StringComparison.Ordinal)) ? 1.5
        : Math.Min(token.Length, 10);

    public static double TokenSimilarity(string a, string aKey, string b, string bKey)
    {
        if (a == b)
        {
            return 1.0;
        }

        if (a.Length == 1 || b.Length == 1)
        {
            // An initial stands for any word starting with it.
            return a[0] == b[0] ? 0.9 : 0.0;
        }

        if (aKey == bKey)
        {
            return SameKey;
        }

        if (LengthFactor(aKey, bKey) < TokenFloor)
        {
            // Even identical letters could not make up for the difference in length.
            return 0.0;
        }

        // A typo is one edit; a different name that happens to look alike ("Putilin", "Putin") is several.
        // The edit distance is the dear part: only counted when the rest leaves the pair above the floor.
        var similarity = OptimisticSimilarity(a, aKey, b, bKey) * LengthFactor(aKey, bKey);
        if (similarity < TokenFloor)
        {
            return 0.0;
        }

        similarity *= EditFactor(aKey, bKey);
        return similarity >= TokenFloor ? similarity : 0.0;
    }

    /// <summary>
    /// Jaro-Winkler as written or by key, without the length and edit discounts: never below
    /// <see cref="TokenSimilarity"/>, so candidate selection can use it as a bound.
    /// </summary>
    public static double OptimisticSimilarity(string a, string aKey, string b, string bKey)
    {
        var written = JaroWinkler.Similarity(a, b);
        return ReferenceEquals(a, aKey) && ReferenceEquals(b, bKey) ? written : Math.Max(written, JaroWinkler.Similarity(aKey, bKey));
    }

    private static double EditFactor(string a, string b) => 1 - (EditPenalty * Math.Max(0, EditDistance.Osa(a, b) - 1));

    private static double LengthFactor(string a, string b) =>
        1 - (LengthPenalty * Math.Abs(a.Length - b.Length) / Math.Max(a.Length, b.Length));

    /// <summary>
    /// The score given every token pair's <see cref="TokenSimilarity"/>, screened token <c>i</c> and
    /// listed token <c>j</c> at <c>i * m + j</c>: the index computes them once per screening and
    /// vocabulary token, since many candidate names share tokens.
    /// </summary>
    public static double Score(NameForm screened, NameForm listed, ReadOnlySpan<double> sims)
    {
        var n = screened.Tokens.Length;
        var m = listed.Tokens.Length;
        if (n == 0 || m == 0)
        {
            return 0.0;
        }

        Span<bool> screenedPaired = stackalloc bool[n];
        Span<bool> listedPaired = stackalloc bool[m];
        double pairedWeight = 0, pairedScore = 0;
        while (true)
        {
            var best = 0.0;
            int bi = -1, bj = -1;
            for (var i = 0; i < n; i++)
            {
                if (screenedPaired[i])
                {
                    continue;
                }

                for (var j = 0; j < m; j++)
                {
                    if (!listedPaired[j] && sims[(i * m) + j] > best)
                    {
                        (best, bi, bj) = (sims[(i * m) + j], i, j);
                    }
                }
            }

            if (bi < 0)
            {
                break;
            }

            screenedPaired[bi] = listedPaired[bj] = true;
            var w = screened.Weights[bi] + listed.Weights[bj];
            pairedWeight += w;
            pairedScore += w * best;
        }

        var screenedUnpaired = UnpairedShare(screened.Weights, screenedPaired);
        var listedUnpaired = UnpairedShare(listed.Weights, listedPaired);
        // A word left over on one side may just be left out; a word left over on both sides
        // ("National Iranian Oil" / "National Iranian Tanker") is a difference.
        var score = pairedWeight == 0 ? 0.0
            : pairedScore / pairedWeight
              * (1 - (UnpairedScreenedPenalty * screenedUnpaired))
              * (1 - (UnpairedListPenalty * listedUnpaired))
              * (1 - (ConflictPenalty * Math.Min(screenedUnpaired, listedUnpaired)));

        // Only a different token count can come from words written together or apart; the list's
        // name is read from each of its tokens in turn ("Jong Un Kim" as "Kim Jong Un").
        if (n != m && screened.Joined.Length >= 6 && listed.Joined.Length >= 6)
        {
            foreach (var joined in listed.JoinedRotations)
            {
                // Names written together still start alike; the rest are not worth a Jaro-Winkler on the whole name.
                if (joined[0] != screened.Joined[0])
                {
                    continue;
                }

                var reading = JaroWinkler.Similarity(screened.Joined, joined) * LengthFactor(screened.Joined, joined);
                if (reading - JoinedDiscount > Math.Max(score, JoinedFloor))
                {
                    score = Math.Max(score, (reading * EditFactor(screened.Joined, joined)) - JoinedDiscount);
                }
            }
        }

        if ((screened.IsAbjad || listed.IsAbjad) && screened.Skeleton.Length >= 3 && listed.Skeleton.Length >= 3)
        {
            score = Math.Max(score, JaroWinkler.Similarity(screened.Skeleton, listed.Skeleton) - SkeletonDiscount);
        }

        return score;
    }

    /// <summary>
    /// The most a name could score given, per screened token, its best similarity to any of the name's
    /// tokens: what candidate selection compares with the threshold before scoring in full.
    /// </summary>
    public static double UpperBound(double[] screenedWeights, ReadOnlySpan<double> bestPerToken)
    {
        double all = 0, matched = 0, credit = 0;
        for (var i = 0; i < screenedWeights.Length; i++)
        {
            all += screenedWeights[i];
            if (bestPerToken[i] > 0)
            {
                matched += screenedWeights[i];
                credit += screenedWeights[i] * bestPerToken[i];
            }
        }

        return matched == 0 ? 0 : credit / matched * (1 - (UnpairedScreenedPenalty * (1 - (matched / all))));
    }

    /// <summary>
    /// The tighter bound for a name no token of which is written together with a screened one: the
    /// list's tokens that cannot all be paired cost their share too, and so does the conflict.
    /// </summary>
    public static double UpperBound(double[] screenedWeights, ReadOnlySpan<double> bestPerToken, NameForm listed)
    {
        double all = 0, matched = 0, credit = 0;
        var paired = 0;
        for (var i = 0; i < screenedWeights.Length; i++)
        {
            all += screenedWeights[i];
            if (bestPerToken[i] > 0)
            {
                matched += screenedWeights[i];
                credit += screenedWeights[i] * bestPerToken[i];
                paired++;
            }
        }

        if (matched == 0)
        {
            return 0;
        }

        var screenedUnpaired = 1 - (matched / all);
        var listedUnpaired = 1 - (listed.HeaviestWeights[Math.Min(paired, listed.HeaviestWeights.Length) - 1] / listed.TotalWeight);
        return credit / matched
               * (1 - (UnpairedScreenedPenalty * screenedUnpaired))
               * (1 - (UnpairedListPenalty * listedUnpaired))
               * (1 - (ConflictPenalty * Math.Min(screenedUnpaired, listedUnpaired)));
    }

    private static double UnpairedShare(double[] weights, ReadOnlySpan<bool> paired)
    {
        double all = 0, unpaired = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            all += weights[i];
            if (!paired[i])
            {
                unpaired += weights[i];
            }
        }

        return all == 0 ? 0 : unpaired / all;
    }
}
