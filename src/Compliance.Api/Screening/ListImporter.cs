using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Compliance.Api.Screening.Lists;

namespace Compliance.Api.Screening;

/// <summary>How an import ended: a new version, or the file the newest version already came from.</summary>
internal sealed record ListImportResult(ListVersionRow Version, bool Created);

/// <summary>
/// Imports one list file: parses all of it first (a bad line or element refuses the whole file and
/// writes nothing but the audit record of the refusal), then stores it as the list's next version.
/// Shared by the admin API and <c>lists import</c>.
/// </summary>
internal sealed partial class ListImporter(ScreeningListStore store, TimeProvider time, ILogger<ListImporter> logger)
{
    public static bool IsValidListName(string? list) => list is not null && ListName().IsMatch(list);

    /// <exception cref="ListFormatException">The file does not parse; nothing was stored.</exception>
    public async Task<ListImportResult> ImportAsync(
        string list, string format, string source, ReadOnlyMemory<byte> content, string actor, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        if (!IsValidListName(list))
        {
            throw new ArgumentException($"list name '{list}' is not 2 to 40 lower-case letters, digits or '-'", nameof(list));
        }

        if (!ListFormat.All.Contains(format))
        {
            throw new ArgumentException($"format '{format}' is not one of {string.Join(", ", ListFormat.All)}", nameof(format));
        }

        IReadOnlyList<ListEntry> entries;
        try
        {
            progress?.Report($"parsing {content.Length:N0} bytes as {format}");
            entries = ListFormat.Parse(format, content);
        }
        catch (ListFormatException e)
        {
            ScreeningLog.Refused(logger, list, e.Message);
            await store.RecordRefusalAsync(list, format, actor, e.Message, cancellationToken);
            throw;
        }

        progress?.Report($"parsed {entries.Count:N0} entries; storing");
        var hash = SHA256.HashData(content.Span);
        var writeProgress = progress is null ? null : new SynchronousProgress<(long Done, long Total)>(p => progress.Report($"stored {p.Done:N0} of {p.Total:N0} entries"));
        var (version, created) = await store.ImportAsync(list, format, source, hash, entries, actor, time.GetUtcNow(), writeProgress, cancellationToken);
        if (created)
        {
            ScreeningLog.Imported(logger, list, version.Version, actor, version.EntryCount, version.Added, version.Removed, version.Changed);
        }

        return new ListImportResult(version, created);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,39}$")]
    private static partial Regex ListName();
}
