using Compliance.Api.Screening.Matching;

namespace Compliance.Api.Screening;

/// <summary>
/// The index screenings read. Replaced whole when a list version changes, so a screening sees
/// either all of the old lists or all of the new ones.
/// </summary>
internal sealed class ScreeningIndexHolder
{
    private volatile ScreeningIndex _current = ScreeningIndex.Empty;

    public ScreeningIndex Current => _current;

    /// <summary>The list versions the current index was built from, e.g. <c>ofac-sdn:3</c>.</summary>
    public IReadOnlyList<string> Versions => _current.ListVersions;

    public void Swap(ScreeningIndex index) => _current = index;
}
