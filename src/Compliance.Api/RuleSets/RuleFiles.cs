namespace Compliance.Api.RuleSets;

/// <summary>
/// Finds rule set files: every <c>*.json</c> under a directory is a workflow document except the
/// test files (<c>X.tests.json</c>, next to the <c>X.json</c> they test) and <c>settings.json</c>.
/// </summary>
internal static class RuleFiles
{
    public const string TestSuffix = ".tests.json";

    public static IReadOnlyList<string> Workflows(string path) =>
        File.Exists(path) ? [path] : [.. All(path).Where(f => !IsTestFile(f) && Path.GetFileName(f) != "settings.json")];

    public static IReadOnlyList<string> Tests(string path) =>
        File.Exists(path) ? (IsTestFile(path) ? [path] : []) : [.. All(path).Where(IsTestFile)];

    /// <summary>The workflow file a test file belongs to.</summary>
    public static string WorkflowFor(string testFile) =>
        testFile[..^TestSuffix.Length] + ".json";

    private static IEnumerable<string> All(string directory) =>
        Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            : throw new DirectoryNotFoundException($"no such file or directory: {directory}");

    private static bool IsTestFile(string file) => file.EndsWith(TestSuffix, StringComparison.OrdinalIgnoreCase);
}
