namespace Compliance.Rules.Compat.Tests.Differences;

/// <summary>docs/rules-compat.md lists every accepted difference, so readers see all of them.</summary>
public sealed class KnownDifferencesDocTests
{
    [Fact]
    public void Docs_ListEveryKnownDifference()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "rules-compat.md"));

        KnownDifferences.All.Select(k => k.Id).Where(id => !doc.Contains($"`{id}`", StringComparison.Ordinal))
            .Should().BeEmpty("every KnownDifferences entry has its row in docs/rules-compat.md");
        KnownDifferences.All.Select(k => k.Id).Should().OnlyHaveUniqueItems();
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Compliance.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Compliance.sln not found above " + AppContext.BaseDirectory);
    }
}
