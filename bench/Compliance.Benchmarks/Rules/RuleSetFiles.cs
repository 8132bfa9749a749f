namespace Compliance.Benchmarks.Rules;

/// <summary>The repository's rule files, found from wherever BenchmarkDotNet runs the benchmark.</summary>
internal static class RuleSetFiles
{
    public static string PreTransaction => Path.Combine(RepositoryRoot(), "rules", "pre-transaction", "pre-transaction.json");

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Compliance.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Compliance.sln not found above " + AppContext.BaseDirectory);
    }
}
