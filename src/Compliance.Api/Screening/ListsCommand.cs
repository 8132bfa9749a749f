using System.CommandLine;
using System.IO.Compression;
using Compliance.Api.Hosting;
using Compliance.Api.Screening.Lists;

namespace Compliance.Api.Screening;

/// <summary>
/// <c>lists import|status</c>: the operator's way to load an official sanctions list file (or, for
/// OFAC's delimited files, a directory holding sdn.csv, alt.csv and add.csv) and see what is loaded.
/// Exit code 0 when imported or unchanged, 1 when the file is refused, 2 when misused.
/// </summary>
internal static class ListsCommand
{
    public static Command Create()
    {
        var lists = new Command("lists", "Sanctions lists: import official list files, show the versions loaded.");
        lists.Subcommands.Add(ImportCommand());
        lists.Subcommands.Add(StatusCommand());
        return lists;
    }

    private static Command ImportCommand()
    {
        var file = new Argument<string>("file") { Description = "The list file (for ofac-sdn-csv: sdn.csv, a zip or a directory with sdn.csv, alt.csv, add.csv)." };
        var format = new Option<string>("--format") { Description = $"One of {string.Join(", ", ListFormat.All)}.", Required = true };
        var list = new Option<string?>("--list") { Description = "The list's name (default by format: ofac-sdn, uk-sanctions, eu-consolidated, un-consolidated)." };
        var command = new Command("import", "Import a list file as the list's next version; a malformed file is refused whole.") { file, format, list };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (result, cancellationToken) =>
        {
            var formatValue = result.GetRequiredValue(format);
            if (!ListFormat.All.Contains(formatValue))
            {
                await Console.Error.WriteLineAsync($"compliance: --format must be one of {string.Join(", ", ListFormat.All)}");
                return 2;
            }

            var path = result.GetRequiredValue(file);
            byte[] content;
            try
            {
                content = Directory.Exists(path) ? ZipDirectory(path) : await File.ReadAllBytesAsync(path, cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"compliance: {e.Message}");
                return 2;
            }

            var listName = result.GetValue(list) ?? ListFormat.DefaultList(formatValue);
            if (!ListImporter.IsValidListName(listName))
            {
                await Console.Error.WriteLineAsync("compliance: --list must be 2 to 40 lower-case letters, digits or '-'");
                return 2;
            }

            return await DatabaseCommand.RunAsync([.. result.UnmatchedTokens], (services, token) =>
                ImportAsync(services, listName, formatValue, Path.GetFullPath(path), content, token), cancellationToken);
        });
        return command;
    }

    private static async Task<int> ImportAsync(IServiceProvider services, string list, string format, string source, byte[] content, CancellationToken cancellationToken)
    {
        var importer = ActivatorUtilities.CreateInstance<ListImporter>(services, ActivatorUtilities.CreateInstance<ScreeningListStore>(services));
        var progress = new SynchronousProgress<string>(line => Console.Error.WriteLine($"{list}: {line}"));
        try
        {
            var (version, created) = await importer.ImportAsync(list, format, source, content, DatabaseCommand.Operator, progress, cancellationToken);
            await Console.Out.WriteLineAsync(created
                ? $"{list} version {version.Version}: {version.EntryCount} entries, {version.Added} added, {version.Removed} removed, {version.Changed} changed."
                : $"{list} is unchanged: version {version.Version} holds the same entries.");
            return 0;
        }
        catch (ListFormatException e)
        {
            await Console.Error.WriteLineAsync($"compliance: refused, nothing imported: {e.Message}");
            return 1;
        }
    }

    private static Command StatusCommand()
    {
        var command = new Command("status", "Show the newest version of every imported list.") { TreatUnmatchedTokensAsErrors = false };
        command.SetAction((result, cancellationToken) => DatabaseCommand.RunAsync([.. result.UnmatchedTokens], async (services, token) =>
        {
            var store = ActivatorUtilities.CreateInstance<ScreeningListStore>(services);
            var latest = await store.LatestAsync(token);
            if (latest.Count == 0)
            {
                await Console.Out.WriteLineAsync("No list imported yet. Import one with: lists import <file> --format <format>");
            }

            foreach (var v in latest)
            {
                await Console.Out.WriteLineAsync(
                    $"{v.List,-20} v{v.Version,-4} {v.EntryCount,8} entries  {v.Format,-20} imported {v.ImportedAt:yyyy-MM-dd HH:mm}Z by {v.ImportedBy}");
            }

            return 0;
        }, cancellationToken));
        return command;
    }

    // OFAC's delimited list is several files; the parser reads them from one archive.
    private static byte[] ZipDirectory(string directory)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var name in new[] { "sdn.csv", "alt.csv", "add.csv" }.Where(n => File.Exists(Path.Combine(directory, n))))
            {
                zip.CreateEntryFromFile(Path.Combine(directory, name), name);
            }
        }

        return buffer.ToArray();
    }
}
