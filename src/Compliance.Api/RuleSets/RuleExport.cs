namespace Compliance.Api.RuleSets;

/// <summary>
/// <c>rules export [dir]</c>: writes each rule set's published version back to files, in the layout
/// the seed reads (<c>name/name.json</c>, <c>name/settings.json</c>, <c>name/name.tests.json</c>), so the
/// live rules can be reviewed and diffed in git. The texts are written exactly as stored (their
/// content hash stays verifiable).
/// </summary>
internal static class RuleExport
{
    public static async Task<int> RunAsync(RuleSetStore store, string directory, TextWriter output, CancellationToken cancellationToken)
    {
        var exported = 0;
        foreach (var ruleSet in await store.RuleSetsAsync(cancellationToken))
        {
            var row = await store.PublishedAsync(ruleSet.Name, cancellationToken);
            if (row is null)
            {
                await output.WriteLineAsync($"{ruleSet.Name}: nothing published, skipped");
                continue;
            }

            var folder = Path.Combine(directory, row.RuleSet);
            Directory.CreateDirectory(folder);
            await File.WriteAllTextAsync(Path.Combine(folder, row.RuleSet + ".json"), row.Workflow, cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(folder, "settings.json"), row.Settings, cancellationToken);
            var testsFile = Path.Combine(folder, row.RuleSet + RuleFiles.TestSuffix);
            if (row.Tests is null)
            {
                File.Delete(testsFile);
            }
            else
            {
                await File.WriteAllTextAsync(testsFile, row.Tests, cancellationToken);
            }

            await output.WriteLineAsync($"{row.RuleSet}: version {row.Version} ({row.ContentHash}) written to {folder}");
            exported++;
        }

        await output.WriteLineAsync($"OK: {exported} published rule set(s) exported");
        return 0;
    }
}
