using Compliance.Api.Kyc;
using Compliance.Api.Screening.Matching;
using Microsoft.Extensions.Options;

namespace Compliance.Api.Screening;

/// <summary>What a subject is screened for, which sets the threshold (ScreeningOptions.Thresholds).</summary>
internal enum ScreeningUse
{
    Customer,
    Counterparty,
    Search,
}

/// <summary>
/// A screening's answer: the status it implies, the hits, the list versions it was made against, and
/// (for a customer) the hits officers set aside as false positives (<c>list:entry</c>), which do not count.
/// </summary>
internal sealed record ScreeningResult(ScreeningStatus Status, IReadOnlyList<ScreeningHit> Hits, IReadOnlyList<string> ListVersions, double Threshold)
{
    public IReadOnlySet<string> Whitelisted { get; init; } = new HashSet<string>();
}

/// <summary>Screens a subject against the current index with the threshold of its use.</summary>
internal sealed class ScreeningService(ScreeningIndexHolder holder, IOptionsMonitor<ScreeningOptions> options)
{
    public ScreeningResult Screen(ScreeningSubject subject, ScreeningUse use, double? threshold = null, int maxHits = 10) =>
        ScreenAll([(subject, null)], use, threshold, maxHits);

    /// <summary>
    /// Screens a customer and its parties (a company's name, officers and PSCs) against one index, so
    /// all of them see the same list versions; each party's hits carry its label, best first.
    /// </summary>
    public ScreeningResult ScreenAll(
        IReadOnlyList<(ScreeningSubject Subject, string? Party)> subjects, ScreeningUse use, double? threshold = null, int maxHitsEach = 10)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        var index = holder.Current;
        var bar = threshold ?? Threshold(use);
        if (index.EntryCount == 0)
        {
            // No list imported: nothing was screened, which is not the same as clear.
            return new ScreeningResult(ScreeningStatus.NotScreened, [], index.ListVersions, bar);
        }

        // One subject (a check's payee, a customer without a company): the index's order as it is.
        var hits = subjects.Count == 1 && subjects[0].Party is null
            ? index.Screen(subjects[0].Subject, bar, maxHitsEach)
            : [.. subjects
                .SelectMany(s => index.Screen(s.Subject, bar, maxHitsEach).Select(h => s.Party is null ? h : h with { Party = s.Party }))
                .OrderByDescending(h => h.Score)];
        return new ScreeningResult(hits.Count > 0 ? ScreeningStatus.PotentialMatch : ScreeningStatus.Clear, hits, index.ListVersions, bar);
    }

    private double Threshold(ScreeningUse use)
    {
        var thresholds = options.CurrentValue.Thresholds;
        return use switch
        {
            ScreeningUse.Customer => thresholds.Customer,
            ScreeningUse.Counterparty => thresholds.Counterparty,
            _ => thresholds.Search,
        };
    }
}
