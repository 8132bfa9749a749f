using Compliance.Api.Screening.Matching;
using Compliance.Api.Storage;

namespace Compliance.Api.Screening;

/// <summary>An imported list version as the API shows it.</summary>
internal sealed record ListVersionResponse(
    string List, int Version, string Format, string Source, string SourceSha256, int EntryCount, int Added, int Removed, int Changed,
    DateTimeOffset ImportedAt, string ImportedBy)
{
    public static ListVersionResponse From(ListVersionRow row) => new(row.List, row.Version, row.Format, row.Source,
        Convert.ToHexStringLower(row.SourceHash), row.EntryCount, row.Added, row.Removed, row.Changed, DbTime.Utc(row.ImportedAt), row.ImportedBy);
}

/// <summary>A page of what one version changed against the version before it.</summary>
internal sealed record ListChangesResponse(string List, int Version, IReadOnlyList<ListChangeRow> Changes, string? Next);

/// <summary>An ad hoc screening of one name (officers' look-up).</summary>
internal sealed record ScreeningSearchRequest(
    string? Name, string? Kind, string? BirthDate, IReadOnlyList<string>? Countries, IReadOnlyList<string>? Identifiers, double? Threshold);

internal sealed record ScreeningSearchResponse(string Status, double Threshold, IReadOnlyList<string> ListVersions, IReadOnlyList<ScreeningHit> Hits);

/// <summary>The newest version of every imported list, and the versions the in-memory index serves (they differ only briefly after an import).</summary>
internal sealed record ScreeningListsResponse(IReadOnlyList<ListVersionResponse> Lists, IReadOnlyList<string> Serving);
